/**
 * The NATS JetStream transport of the hftbus bridge: {@link io.hftbus.nats.NatsTransport}, its
 * {@link io.hftbus.nats.NatsConfig}, {@link io.hftbus.nats.NatsTls}, which loads a TLS context
 * from key stores, and {@link io.hftbus.nats.NatsReplay}, which reads a stream from a sequence or
 * a time into a local bus.
 */
// The requires-automatic lint is off (see the parent pom): jnats ships as an automatic module.
module io.hftbus.nats {
    requires transitive io.hftbus.bridge;
    requires io.nats.jnats;
    requires org.slf4j;

    exports io.hftbus.nats;
}
