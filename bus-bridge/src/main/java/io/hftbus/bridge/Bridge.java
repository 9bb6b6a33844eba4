package io.hftbus.bridge;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bus's side of a link to buses in other processes: sends the bus's local events of chosen
 * types through a {@link BridgeTransport}, and publishes the events other buses send into it.
 *
 * <pre>{@code
 * try (NatsTransport nats = NatsTransport.connect(NatsConfig.localhost());
 *      Bridge bridge = Bridge.start(bus, nats, BridgeConfig.defaults()
 *              .withOutbound(EnumSet.of(EventType.MARKET_DATA))
 *              .withInbound("risk", EnumSet.of(EventType.FILL)))) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Outbound.</b> The bridge subscribes to the outbound types. Each local envelope
 * ({@link Envelope#isLocal()}) becomes a {@link WireFrame} with this bridge's instance id as its
 * origin, its sequence and its publish time, and waits in a bounded buffer for the sender thread,
 * which packs frames of one type that wait one after the other into a {@link WireMessage batch}
 * (a lone frame goes alone, at once) and keeps a bounded window of messages in flight. The bus
 * never waits on the network: a full
 * buffer drops and counts ({@link OutboundOverflow#DROP}), unless the configuration chose
 * {@link OutboundOverflow#BLOCK}. An envelope that came from elsewhere is never sent, so two
 * bridges pointing at each other do not echo.
 *
 * <p><b>Inbound.</b> One thread per remote bus polls its channel and publishes each event into the
 * local bus through an {@linkplain EventBus#exclusivePublisher(String, int) exclusive publisher of
 * an origin}: one per remote instance, numbered from 1 ({@link #origins()}). It drops frames of its
 * own instance id (loops), of types it does not take in, and duplicates.
 *
 * <p><b>Delivery semantics.</b>
 * <ul>
 *   <li><b>At least once across the wire.</b> A frame is resent until the engine acknowledges it
 *       stored it, and acknowledged inbound only after it was published into the local bus. The
 *       limits: an outbound event dropped by a full buffer, or unacknowledged when the close timed
 *       out, is lost and counted ({@link BridgeStats#dropped()}); an inbound event the local bus
 *       refuses is lost and counted ({@link BridgeStats#refused()}); and the engine's own retention
 *       limits apply.</li>
 *   <li><b>Duplicates removed.</b> The inbound side drops a frame whose origin and sequence are
 *       among the last {@link BridgeConfig#duplicateWindow()} it delivered from that origin, so the
 *       local bus sees each remote event once as long as a duplicate arrives within that many
 *       events of its first copy (redeliveries after a reconnect or a restart do; the engine's
 *       acknowledgement window is far smaller than the default window).</li>
 *   <li><b>Order per origin and lane.</b> The sender keeps the order in which the bus delivered the
 *       events to it (see the resending rule of the transport SPI), and one inbound thread per
 *       remote bus publishes in the order the engine stored them, each in its sender's lane.</li>
 * </ul>
 *
 * <p><b>Threading.</b> {@link #start} and {@link #close()} may be called from any thread;
 * {@link #stats()} and {@link #origins()} are safe from any thread at any time.
 */
public final class Bridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    /** The origins this bridge has given to remote instances; safe from any thread. */
    static final class Origins {
        private final AtomicInteger next = new AtomicInteger(1);
        private final Map<Integer, RemoteOrigin> byOrigin = new ConcurrentHashMap<>();

        RemoteOrigin register(String bus, long instanceId) {
            RemoteOrigin origin = new RemoteOrigin(next.getAndIncrement(), bus, instanceId);
            byOrigin.put(origin.origin(), origin);
            return origin;
        }
    }

    private final EventBus bus;
    private final BridgeTransport transport;
    private final BridgeConfig config;
    private final Origins origins = new Origins();
    private final OutboundSender sender;
    private final Thread senderThread;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<InboundPump> pumps = new ArrayList<>();
    private final List<Thread> pumpThreads = new ArrayList<>();
    private boolean closed;

    private Bridge(EventBus bus, BridgeTransport transport, BridgeConfig config) {
        this.bus = bus;
        this.transport = transport;
        this.config = config;
        if (config.outbound().isEmpty()) {
            sender = null;
            senderThread = null;
        } else {
            sender = new OutboundSender(bus.name(), transport.outbound(bus.name()), config, transport.maxMessageBytes());
            senderThread = new Thread(sender, "hftbus-bridge-out-" + bus.name());
            senderThread.setDaemon(true);
        }
    }

    /**
     * Starts a bridge of {@code bus} over {@code transport}: opens the channels, subscribes to the
     * outbound types and starts the threads.
     *
     * @throws TransportException       if the transport cannot open a channel (nothing is left running)
     * @throws IllegalArgumentException if the bus's name is not letters, digits, {@code _} and
     *                                  {@code -}, or the configuration sends and takes in nothing
     * @throws NullPointerException     if an argument is null
     */
    public static Bridge start(EventBus bus, BridgeTransport transport, BridgeConfig config) {
        if (bus == null || transport == null || config == null) {
            throw new NullPointerException("bus, transport and config must not be null");
        }
        BridgeConfig.requireName("the bus's name", bus.name());
        if (config.outbound().isEmpty() && config.inbound().isEmpty()) {
            throw new IllegalArgumentException("the bridge of bus " + bus.name() + " sends and takes in nothing: "
                    + "name outbound types or an inbound source in its BridgeConfig");
        }
        Bridge bridge = new Bridge(bus, transport, config);
        try {
            bridge.open();
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
        return bridge;
    }

    private void open() {
        for (InboundSource source : config.inbound()) {
            InboundChannel channel = transport.inbound(source.remoteBus(), source.consumerFor(bus.name()));
            InboundPump pump = new InboundPump(bus, source, channel, origins, config);
            pumps.add(pump);
            Thread thread = new Thread(pump, "hftbus-bridge-in-" + source.remoteBus());
            thread.setDaemon(true);
            pumpThreads.add(thread);
        }
        if (sender != null) {
            sender.start(senderThread);
            for (EventType type : config.outbound()) {
                subscriptions.add(subscribe(type.eventClass()));
            }
        }
        pumpThreads.forEach(Thread::start);
        LOG.info("Bridge of bus {} over {}: sends {}, takes in {}, instance {}", bus.name(), transport.endpoint(),
                config.outbound(), config.inbound(), Long.toHexString(config.instanceId()));
    }

    private <E extends Event> Subscription subscribe(Class<E> type) {
        return bus.subscribe("bridge-out-" + EventType.of(type).name(), type, sender::offer);
    }

    /** The bus this bridge serves. */
    public EventBus bus() {
        return bus;
    }

    /** The configuration it was started with. */
    public BridgeConfig config() {
        return config;
    }

    /** The id its frames carry as their origin. */
    public long instanceId() {
        return config.instanceId();
    }

    /** What the envelope origin {@code origin} stands for, if this bridge gave it. */
    public Optional<RemoteOrigin> origin(int origin) {
        return Optional.ofNullable(origins.byOrigin.get(origin));
    }

    /** Every origin this bridge has given, in no particular order. */
    public List<RemoteOrigin> origins() {
        return List.copyOf(origins.byOrigin.values());
    }

    /** The counters now; see {@link BridgeStats}. */
    public BridgeStats stats() {
        long received = 0;
        long delivered = 0;
        long duplicates = 0;
        long looped = 0;
        long skipped = 0;
        long decodeFailures = 0;
        long refused = 0;
        long receiveFailures = 0;
        long lag = pumps.isEmpty() ? -1 : 0;
        long transit = -1;
        for (InboundPump pump : pumps) {
            received += pump.received.get();
            delivered += pump.delivered.get();
            duplicates += pump.duplicates.get();
            looped += pump.looped.get();
            skipped += pump.skipped.get();
            decodeFailures += pump.decodeFailures.get();
            refused += pump.refused.get();
            receiveFailures += pump.receiveFailures.get();
            long pumpLag = pump.channel().lag();
            lag = lag < 0 || pumpLag < 0 ? -1 : lag + pumpLag;
            transit = Math.max(transit, pump.lastTransitNanos.get());
        }
        OutboundSender out = sender;
        return new BridgeStats(out == null ? 0 : out.sent.get(), out == null ? 0 : out.acked.get(),
                out == null ? 0 : out.resent.get(), out == null ? 0 : out.dropped.sum(),
                out == null ? 0 : out.sendFailures.get(), out == null ? 0 : out.buffered(),
                received, delivered, duplicates, looped, skipped, decodeFailures, refused, receiveFailures,
                transport.reconnects(), lag, transit);
    }

    /**
     * Stops the bridge: unsubscribes, waits up to {@link BridgeConfig#closeTimeout()} for the
     * buffered frames to be acknowledged (those that are not are counted as dropped), stops the
     * inbound threads and closes the channels. The transport stays open: its owner closes it.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.forEach(Subscription::unsubscribe);
        if (sender != null && senderThread.isAlive()) {
            sender.close(System.nanoTime() + config.closeTimeout().toNanos());
            join(senderThread, config.closeTimeout().toMillis() + 1_000);
        }
        pumps.forEach(InboundPump::stop);
        for (Thread thread : pumpThreads) {
            if (thread.isAlive()) {
                join(thread, TimeUnit.SECONDS.toMillis(5));
            }
        }
        pumps.forEach(pump -> pump.channel().close());
        LOG.info("Bridge of bus {} closed: {}", bus.name(), stats().summary());
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Bridge thread {} did not end within {} ms", thread.getName(), millis);
        }
    }

    @Override
    public String toString() {
        return "Bridge[bus=" + bus.name() + ", transport=" + transport.endpoint() + ", instance="
                + Long.toHexString(config.instanceId()) + "]";
    }
}
