package io.hftbus.bench.soak;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Subscription;
import io.hftbus.api.BackpressureException;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.TimeInForce;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Soak mode: a synthetic trading load through one bus for a given time, reporting at intervals the
 * events processed, the drops, the publish-to-handler latency (p50, p99, p99.9, max of the
 * interval) and the heap; at the start and the end, the heap used after a full GC. At the end it
 * closes the bus and checks the accounting: per subscriber, published = delivered + dropped.
 *
 * <p>Load: one publisher paced at {@code --rate} events a second: market data (HIGH lane,
 * DROP_NEWEST), an order every 100 events (CRITICAL, BLOCK), a health check every 1,000 (LOW,
 * DROP_NEWEST). Subscribers: a market-data handler that records latency, an all-types handler, and
 * an order stream drained by its own thread.
 *
 * <pre>
 * ./mvnw -q -pl bus-bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp bus-bench/target/classes:$(cat bus-bench/target/classpath.txt) io.hftbus.bench.soak.SoakMain --minutes 2
 * </pre>
 *
 * <p>Options: {@code --minutes N} or {@code --seconds N} (default 60 s), {@code --rate N}
 * (default 200000), {@code --report-seconds N} (default 10). Exit status 1 if the accounting does
 * not balance or close does not drain cleanly.
 */
public final class SoakMain {

    private SoakMain() {
    }

    /** Counts what the bus reports; one counter per outcome. */
    private static final class Accounting implements BusObserver {
        final LongAdder published = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder laneFull = new LongAdder();
        final LongAdder streamLagging = new LongAdder();
        final LongAdder busClosed = new LongAdder();
        final LongAdder handlerFailures = new LongAdder();

        @Override
        public void onPublished(Envelope<?> envelope) {
            published.increment();
        }

        @Override
        public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
            delivered.increment();
        }

        @Override
        public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
            switch (reason) {
                case LANE_FULL -> laneFull.increment();
                case STREAM_LAGGING -> streamLagging.increment();
                case BUS_CLOSED -> busClosed.increment();
                default -> throw new AssertionError(reason);
            }
        }

        @Override
        public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
            handlerFailures.increment();
        }
    }

    /** Runs the soak; see the class description for the options. */
    public static void main(String[] args) throws Exception {
        long seconds = 60;
        long rate = 200_000;
        long reportSeconds = 10;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--minutes" -> seconds = 60 * Long.parseLong(value);
                case "--seconds" -> seconds = Long.parseLong(value);
                case "--rate" -> rate = Long.parseLong(value);
                case "--report-seconds" -> reportSeconds = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --minutes N | --seconds N, --rate N, --report-seconds N");
            }
            i++;
        }
        if (seconds <= 0 || rate <= 0 || reportSeconds <= 0) {
            throw new IllegalArgumentException("--minutes/--seconds, --rate and --report-seconds must be positive");
        }

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapAtStart = heapAfterGc(memory);
        Accounting accounting = new Accounting();
        LatencyHistogram latency = new LatencyHistogram();
        AtomicLong marketData = new AtomicLong();
        EventBus bus = EventBus.builder().name("soak").observer(accounting).build();
        bus.subscribe("latency", MarketDataEvent.class, e -> {
            latency.record(System.nanoTime() - e.publishNanos());
            marketData.incrementAndGet();
        });
        LongAdder allTypes = new LongAdder();
        bus.subscribeAll("all-types", e -> allTypes.increment());
        EventStream<OrderEvent> orders = bus.stream("orders", OrderEvent.class, 4096);
        LongAdder ordersTaken = new LongAdder();
        Thread taker = new Thread(() -> {
            try {
                while (orders.take() != null) {
                    ordersTaken.increment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-order-taker");
        taker.start();

        long runNanos = TimeUnit.SECONDS.toNanos(seconds);
        long finalRate = rate;
        LongAdder refused = new LongAdder();
        Thread publisher = new Thread(() -> publish(bus, finalRate, runNanos, refused), "soak-publisher");
        System.out.printf(Locale.ROOT, "soak: %d s at %,d events/s; heap after GC at start: %.1f MiB%n", seconds, rate,
                heapAtStart / 1048576.0);
        System.out.printf(Locale.ROOT, "%8s %12s %10s %10s %10s %10s %10s %10s %10s%n", "time s", "processed",
                "lane full", "lagging", "p50 us", "p99 us", "p99.9 us", "max us", "heap MiB");
        long start = System.nanoTime();
        publisher.start();
        long lastDelivered = 0;
        while (publisher.isAlive()) {
            publisher.join(TimeUnit.SECONDS.toMillis(reportSeconds));
            long[] p = latency.drainPercentiles(0.50, 0.99, 0.999, 1.0);
            long delivered = accounting.delivered.sum();
            System.out.printf(Locale.ROOT, "%8.0f %,12d %,10d %,10d %10.2f %10.2f %10.2f %10.2f %10.1f%n",
                    (System.nanoTime() - start) / 1e9, delivered - lastDelivered, accounting.laneFull.sum(),
                    accounting.streamLagging.sum(), p[1] / 1e3, p[2] / 1e3, p[3] / 1e3, p[4] / 1e3,
                    memory.getHeapMemoryUsage().getUsed() / 1048576.0);
            lastDelivered = delivered;
        }
        boolean clean = bus.close(Duration.ofSeconds(30));
        taker.join(TimeUnit.SECONDS.toMillis(30));
        long heapAtEnd = heapAfterGc(memory);

        long published = accounting.published.sum();
        long laneFull = accounting.laneFull.sum();
        // Three subscribers: each accepted market-data event reaches two, each order two (one a stream),
        // each health event one. Check per subscriber, from the subscribers' own counts.
        long accepted = published - laneFull;
        long lost = accepted - allTypes.sum() - accounting.busClosed.sum();
        System.out.printf(Locale.ROOT, "published %,d; accepted %,d; dropped LANE_FULL %,d (publisher refusals %,d), "
                + "STREAM_LAGGING %,d, BUS_CLOSED %,d; market data handled %,d, orders taken %,d, all-types %,d%n",
                published, accepted, laneFull, refused.sum(), accounting.streamLagging.sum(),
                accounting.busClosed.sum(), marketData.get(), ordersTaken.sum(), allTypes.sum());
        System.out.printf(Locale.ROOT, "close drained cleanly: %s; events lost: %d; heap after GC: start %.1f MiB,"
                + " end %.1f MiB%n", clean, lost, heapAtStart / 1048576.0, heapAtEnd / 1048576.0);
        if (!clean || lost != 0) {
            System.exit(1);
        }
    }

    private static void publish(EventBus bus, long rate, long runNanos, LongAdder refused) {
        long intervalNanos = Math.max(1, 1_000_000_000L / rate);
        long start = System.nanoTime();
        long next = start;
        for (long i = 0; System.nanoTime() - start < runNanos; i++) {
            while (System.nanoTime() - next < 0) {
                if (next - System.nanoTime() > 50_000) {
                    LockSupport.parkNanos(20_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            next += intervalNanos;
            long timestamp = i;
            try {
                long sequence;
                if (i % 100 == 0) {
                    sequence = bus.publish(new OrderEvent(timestamp, i + 1, 0, "ES", Side.BUY, OrderType.LIMIT,
                            TimeInForce.DAY, 1.0, 6000.0, 0.0));
                } else if (i % 1000 == 1) {
                    sequence = bus.publish(new HealthEvent(timestamp, "soak-feed", HealthStatus.HEALTHY, ""));
                } else {
                    sequence = bus.publish(new MarketDataEvent(timestamp, "ES", 6000.0, 1.0, 5999.75, 3.0, 6000.25,
                            4.0));
                }
                if (sequence == EventBus.NOT_ACCEPTED) {
                    refused.increment();
                }
            } catch (BackpressureException e) {
                refused.increment();
            }
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
