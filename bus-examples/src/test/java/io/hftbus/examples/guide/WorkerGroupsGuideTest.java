package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventBus;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.GroupOverflow;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderType;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.TimeInForce;
import io.hftbus.api.stats.WorkerStats;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The code of {@code docs/worker-groups.md}: each tagged region is shown there as written
 * ({@code DocSnippetsTest} checks it), and each test proves what the guide says of it.
 */
class WorkerGroupsGuideTest {

    private static MarketDataEvent tick(String symbol, long n) {
        return new MarketDataEvent(n, symbol, 6000.0 + n, 10.0, 5999.75, 5.0, 6000.25, 5.0);
    }

    private static OrderEvent order(long id) {
        return new OrderEvent(id, id, id, "ES", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 1.0, 6000.25, 0.0);
    }

    private static boolean valid(OrderEvent order) {
        return order.quantity() > 0;
    }

    /** Polls {@code counter} until it reaches {@code expected} or 20 s pass; returns its value then. */
    private static long until(LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return counter.getAsLong();
    }

    @Test
    void aGroupValidatesOrdersOnTwoWorkers() throws Exception {
        AtomicLong validated = new AtomicLong();
        try (EventBus bus = EventBus.create()) {
            // tag::group[]
            WorkerGroup validation = bus.subscribeGroup("order-validation", OrderEvent.class, 2, envelope -> {
                if (valid(envelope.event())) {          // stateless: any worker may take any order
                    validated.incrementAndGet();
                }
            });
            // end::group[]
            for (long id = 1; id <= 1_000; id++) {
                bus.publish(order(id));
            }
            assertThat(until(validated::get, 1_000)).isEqualTo(1_000);
            assertThat(validation.workerCount()).isEqualTo(2);
            // tag::figures[]
            for (WorkerStats worker : validation.workers()) {
                System.out.printf("%s: %d calls, %d failed, %.1f ms busy%n",
                        worker.thread(), worker.received(), worker.handlerFailures(), worker.busyNanos() / 1e6);
            }
            // end::figures[]
            assertThat(until(validation::received, 1_000)).as("calls counted once they returned").isEqualTo(1_000);
        }
    }

    @Test
    void aShardedStageKeepsEachSymbolInOrder() throws Exception {
        Map<String, Long> lastPrice = new ConcurrentHashMap<>();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        try (EventBus bus = EventBus.create()) {
            // tag::sharded[]
            WorkerGroup features = bus.subscribeSharded("features", MarketDataEvent.class,
                    MarketDataEvent::symbol, 2, envelope -> {
                        MarketDataEvent tick = envelope.event();    // every tick of one symbol on one thread, in order
                        Long previous = lastPrice.put(tick.symbol(), tick.timestamp());
                        if (previous != null && previous > tick.timestamp()) {
                            outOfOrder.incrementAndGet();
                        }
                        seen.incrementAndGet();
                    });
            // end::sharded[]
            for (long n = 0; n < 1_000; n++) {
                bus.publish(tick(n % 2 == 0 ? "ES" : "CL", n));   // ES and CL fall on different shards of 2
            }
            assertThat(until(seen::get, 1_000)).isEqualTo(1_000);
            assertThat(outOfOrder).hasValue(0);
            assertThat(features.isSharded()).isTrue();
            // tag::shard-of[]
            int shardOfEs = WorkerGroup.shardOf("ES", 2);   // the same in every run and every JVM
            // end::shard-of[]
            assertThat(until(features::received, 1_000)).isEqualTo(1_000);
            assertThat(shardOfEs).isNotEqualTo(WorkerGroup.shardOf("CL", 2));
            assertThat(features.workers().get(shardOfEs).received()).isEqualTo(500);
        }
    }

    @Test
    void optionsAndAwaitingTheEnd() throws Exception {
        try (EventBus bus = EventBus.create()) {
            // tag::options[]
            WorkerGroup audit = bus.subscribeGroup("audit", OrderEvent.class, 4, envelope -> { /* ... */ },
                    GroupOptions.DEFAULTS.withQueueCapacity(1_024).withOverflow(GroupOverflow.DROP));
            // end::options[]
            // tag::unsubscribe[]
            audit.unsubscribe();                                      // the workers finish what is queued, then end
            boolean ended = audit.awaitTermination(Duration.ofSeconds(5));
            // end::unsubscribe[]
            assertThat(ended).isTrue();
            assertThat(audit.queueCapacity()).isEqualTo(1_024);
        }
    }
}
