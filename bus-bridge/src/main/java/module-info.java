/**
 * The bridge of hftbus: carries chosen event types between buses in different processes and
 * hosts. {@link io.hftbus.bridge.Bridge} runs one bus's side; the transport that carries the
 * frames is a service-provider interface, {@link io.hftbus.bridge.BridgeTransport}, implemented
 * for NATS JetStream by {@code io.hftbus.nats}. The frames are {@link io.hftbus.bridge.WireFrame}s,
 * whose events are in the format of {@code io.hftbus.codec}, as a journal's are.
 */
module io.hftbus.bridge {
    requires transitive io.hftbus.api;
    requires transitive io.hftbus.codec;
    requires org.jctools.core.jdk11;
    requires org.slf4j;

    exports io.hftbus.bridge;
}
