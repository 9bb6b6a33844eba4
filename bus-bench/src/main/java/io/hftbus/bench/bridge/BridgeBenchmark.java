package io.hftbus.bench.bridge;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.bridge.OutboundOverflow;
import io.hftbus.bridge.WireFrame;
import io.hftbus.bridge.WireMessage;
import io.hftbus.nats.NatsConfig;
import io.hftbus.nats.NatsTransport;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.PublishAck;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The bridge on loopback beside raw {@code jnats}, against a running {@code nats-server -js}:
 *
 * <ul>
 *   <li><b>Throughput, one way:</b> ticks published into a bus and carried by its bridge until the
 *       stream acknowledged them all, with its default batching and with none (one frame per
 *       message), beside {@code jnats} publishing the same frame bytes asynchronously with the same
 *       window of 1,024 unacknowledged publishes: one frame per message, bare and with the bridge's
 *       two headers, and the batches of {@value #BATCH} frames the bridge packs when frames wait,
 *       with its headers.</li>
 *   <li><b>Latency:</b> at a fixed rate, from the scheduled publish time in bus A to the handler in
 *       bus B (bus, bridge, server, bridge, bus), beside {@code jnats} from the scheduled publish to
 *       a pull consumer's receipt (publish, server, consumer). Both ends run in this JVM, so one
 *       clock measures both; timing from the schedule counts the waits a slow event causes the
 *       ones behind it (no coordinated omission).</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp bus-bench/target/benchmarks.jar io.hftbus.bench.bridge.BridgeBenchmark
 * nats://127.0.0.1:4222 [events] [rate]}. Each run uses fresh streams of its own.
 */
public final class BridgeBenchmark {

    private static final int WINDOW = 1_024;
    private static final int BATCH = BridgeConfig.DEFAULT_MAX_BATCH_FRAMES;

    private BridgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "nats://127.0.0.1:4222";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int samples = rate * 5;
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        System.out.printf(Locale.ROOT, "bridge benchmark against %s: %d events one way, latency at %d/s over %d events%n",
                url, events, rate, samples);
        for (int round = 1; round <= 2; round++) {      // the first round warms up the JIT; the second is reported
            String tag = run + round;
            double raw = rawThroughput(url, "rawtp" + tag, events, false, 1);
            double rawWithIds = rawThroughput(url, "rawidtp" + tag, events, true, 1);
            double rawBatched = rawThroughput(url, "rawbtp" + tag, events, true, BATCH);
            double unbatched = bridgeThroughput(url, "utp" + tag, events, 1);
            double bridged = bridgeThroughput(url, "tp" + tag, events, BATCH);
            Histogram rawLatency = rawLatency(url, "rawlat" + tag, samples, rate);
            Histogram bridgedLatency = bridgeLatency(url, "lat" + tag, samples, rate);
            System.out.printf(Locale.ROOT, "round %d%n", round);
            System.out.printf(Locale.ROOT, "  throughput (events/s)                       rate  bridge's ratio%n");
            System.out.printf(Locale.ROOT, "  raw jnats, a frame per message        %10.0f  %.2fx%n", raw, bridged / raw);
            System.out.printf(Locale.ROOT, "  raw jnats, with the bridge's headers  %10.0f  %.2fx%n", rawWithIds,
                    bridged / rawWithIds);
            System.out.printf(Locale.ROOT, "  raw jnats, batches of %d, headers     %10.0f  %.2fx%n", BATCH, rawBatched,
                    bridged / rawBatched);
            System.out.printf(Locale.ROOT, "  bridge, batching off                  %10.0f  %.2fx of raw%n", unbatched,
                    unbatched / raw);
            System.out.printf(Locale.ROOT, "  bridge, batching on (the default)     %10.0f%n", bridged);
            System.out.println("  latency (us)       p50      p99    p99.9      max");
            print("raw jnats", rawLatency);
            print("bridge", bridgedLatency);
        }
    }

    private static void print(String what, Histogram histogram) {
        System.out.printf(Locale.ROOT, "  %-12s %8.1f %8.1f %8.1f %8.1f%n", what,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3);
    }

    private static MarketDataEvent tick(long stamp) {
        return new MarketDataEvent(stamp, "ES", 6000.25, 3, 6000.0, 12, 6000.5, 9);
    }

    /**
     * jnats alone: the frame bytes of a tick, {@code perMessage} frames to a message (packed as the
     * bridge packs a batch), published asynchronously, at most WINDOW unacknowledged; with
     * {@code headers}, each with the message id and expected last id the bridge sends, so that the
     * server does the same work per message. The bytes are made before the clock starts.
     */
    private static double rawThroughput(String url, String name, int events, boolean headers, int perMessage)
            throws Exception {
        byte[] frame = WireFrame.encode(new Envelope<>(1, 1, Priority.HIGH, tick(1)), 1, 1);
        byte[] message = perMessage == 1 ? frame
                : WireMessage.pack(java.util.Collections.nCopies(perMessage, frame));
        int messages = events / perMessage;
        Connection connection = Nats.connect(url);
        try {
            String subject = stream(connection, name);
            JetStream jetStream = connection.jetStream();
            ArrayDeque<CompletableFuture<PublishAck>> window = new ArrayDeque<>();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                if (window.size() == WINDOW) {
                    window.removeFirst().get(10, TimeUnit.SECONDS);
                }
                if (headers) {
                    io.nats.client.impl.Headers ids = new io.nats.client.impl.Headers().put("Nats-Msg-Id", "1-" + i);
                    if (i > 0) {
                        ids.put("Nats-Expected-Last-Msg-Id", "1-" + (i - 1));
                    }
                    window.addLast(jetStream.publishAsync(subject, ids, message));
                } else {
                    window.addLast(jetStream.publishAsync(subject, message));
                }
            }
            while (!window.isEmpty()) {
                window.removeFirst().get(10, TimeUnit.SECONDS);
            }
            return (long) messages * perMessage / ((System.nanoTime() - start) / 1e9);
        } finally {
            connection.close();
        }
    }

    /**
     * The bus and its bridge: ticks through an exclusive publisher until the stream acknowledged
     * them all, packing up to {@code batch} waiting frames into one message.
     */
    private static double bridgeThroughput(String url, String bus, int events, int batch) throws Exception {
        try (NatsTransport nats = NatsTransport.connect(NatsConfig.localhost().withServers(url));
             EventBus source = EventBus.builder().name(bus).backpressure(BackpressurePolicy.BLOCK).build();
             Bridge bridge = Bridge.start(source, nats, BridgeConfig.defaults()
                     .withOutbound(EnumSet.of(EventType.MARKET_DATA))
                     .withOutboundBuffer(65_536, OutboundOverflow.BLOCK)
                     .withAckWindow(WINDOW, Duration.ofSeconds(5))
                     .withBatching(batch, BridgeConfig.DEFAULT_MAX_BATCH_BYTES))) {
            ExclusivePublisher publisher = source.exclusivePublisher("bench");
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                publisher.publish(tick(i));
            }
            while (bridge.stats().acked() < events) {
                LockSupport.parkNanos(100_000);
            }
            double rate = events / ((System.nanoTime() - start) / 1e9);
            if (bridge.stats().dropped() != 0 || bridge.stats().resent() != 0) {
                System.out.println("  note: " + bridge.stats().summary());
            }
            return rate;
        }
    }

    /** jnats alone: a publisher at a fixed rate, a pull consumer in another thread, the stamp in the payload. */
    private static Histogram rawLatency(String url, String name, int samples, int rate) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Connection connection = Nats.connect(url);
        try {
            String subject = stream(connection, name);
            JetStream jetStream = connection.jetStream();
            JetStreamSubscription subscription = jetStream.subscribe(subject, PullSubscribeOptions.builder()
                    .stream(name).configuration(ConsumerConfiguration.builder().durable("bench")
                            .ackPolicy(AckPolicy.All).build()).build());
            CountDownLatch done = new CountDownLatch(1);
            Thread consumer = new Thread(() -> {
                int received = 0;
                while (received < samples) {
                    Iterator<Message> messages = subscription.iterate(256, Duration.ofMillis(100));
                    Message last = null;
                    while (messages.hasNext()) {
                        Message message = messages.next();
                        if (!message.isJetStream()) {
                            continue;
                        }
                        histogram.recordValue(Math.max(0, System.nanoTime() - ByteBuffer.wrap(message.getData()).getLong()));
                        received++;
                        last = message;
                    }
                    if (last != null) {
                        last.ack();
                    }
                }
                done.countDown();
            }, "raw-consumer");
            consumer.start();
            byte[] payload = new byte[WireFrame.encode(new Envelope<>(1, 1, Priority.HIGH, tick(1)), 1, 1).length];
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            ArrayDeque<CompletableFuture<PublishAck>> window = new ArrayDeque<>();
            for (int i = 0; i < samples; i++) {
                waitUntil(next);
                byte[] bytes = payload.clone();
                ByteBuffer.wrap(bytes).putLong(next);
                window.addLast(jetStream.publishAsync(subject, bytes));
                while (!window.isEmpty() && window.peekFirst().isDone()) {
                    window.removeFirst();
                }
                next += interval;
            }
            if (!done.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw consumer did not receive every sample");
            }
            return histogram;
        } finally {
            connection.close();
        }
    }

    /** Bus A, its bridge, the server, bus B's bridge, bus B's handler; the scheduled time in the event. */
    private static Histogram bridgeLatency(String url, String bus, int samples, int rate) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        CountDownLatch done = new CountDownLatch(samples);
        try (NatsTransport outNats = NatsTransport.connect(NatsConfig.localhost().withServers(url));
             NatsTransport inNats = NatsTransport.connect(NatsConfig.localhost().withServers(url));
             EventBus source = EventBus.builder().name(bus).build();
             EventBus target = EventBus.builder().name(bus + "-in").build()) {
            target.subscribe(MarketDataEvent.class, envelope -> {
                histogram.recordValue(Math.max(0, System.nanoTime() - envelope.event().timestamp()));
                done.countDown();
            });
            try (Bridge out = Bridge.start(source, outNats, BridgeConfig.defaults()
                         .withOutbound(EnumSet.of(EventType.MARKET_DATA)));
                 Bridge in = Bridge.start(target, inNats, BridgeConfig.defaults()
                         .withInbound(bus, EnumSet.of(EventType.MARKET_DATA)))) {
                ExclusivePublisher publisher = source.exclusivePublisher("bench");
                long interval = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int i = 0; i < samples; i++) {
                    waitUntil(next);
                    publisher.publish(tick(next));
                    next += interval;
                }
                if (!done.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("bus B did not receive every sample: A " + out.stats().summary()
                            + "; B " + in.stats().summary());
                }
            }
        }
        return histogram;
    }

    /** A file stream of one subject, {@code name}, as the bridge's streams are, for one measurement. */
    private static String stream(Connection connection, String name) throws Exception {
        JetStreamManagement management = connection.jetStreamManagement();
        management.addStream(StreamConfiguration.builder().name(name).subjects(name).storageType(StorageType.File)
                .build());
        return name;
    }

    private static void waitUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            if (wait > 50_000) {
                LockSupport.parkNanos(wait - 20_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
