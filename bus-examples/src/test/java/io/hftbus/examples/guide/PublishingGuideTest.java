package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.event.EventType;
import io.hftbus.stats.StatsCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The code of {@code docs/publishing.md}: each tagged region is shown there as written
 * ({@code DocSnippetsTest} checks it), and each test proves what the guide says of it.
 */
class PublishingGuideTest {

    private static MarketDataEvent tick(long n) {
        return new MarketDataEvent(n, "ES", 6000.0, 10.0, 5999.75, 5.0, 6000.25, 5.0);
    }

    @Test
    void aFeedThreadPublishesThroughItsOwnExclusivePublisher() throws Exception {
        try (EventBus bus = EventBus.create()) {
            EventStream<MarketDataEvent> ticks = bus.stream(MarketDataEvent.class);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread feedThread = new Thread(() -> {
                try {
                    // tag::exclusive[]
                    ExclusivePublisher feed = bus.exclusivePublisher("cme-feed");   // made once, used by this thread only
                    for (long n = 0; n < 1_000; n++) {
                        feed.publish(tick(n));                                       // no atomic sequence claim
                    }
                    // end::exclusive[]
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "feed");
            feedThread.start();
            feedThread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(failure.get()).isNull();
            long previous = -1;
            for (int i = 0; i < 1_000; i++) {
                Envelope<MarketDataEvent> envelope = ticks.poll(20, TimeUnit.SECONDS);
                assertThat(envelope.sequence()).isGreaterThan(previous);
                previous = envelope.sequence();
            }
        }
    }

    @Test
    void aHandleUsedFromASecondThreadIsRefused() throws Exception {
        try (EventBus bus = EventBus.create()) {
            ExclusivePublisher feed = bus.exclusivePublisher("cme-feed");
            feed.publish(tick(1));
            AtomicReference<Throwable> refused = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    feed.publish(tick(2));
                } catch (Throwable t) {
                    refused.set(t);
                }
            }, "other");
            other.start();
            other.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(refused.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to thread '" + Thread.currentThread().getName() + "'");
        }
    }

    @Test
    void aBatchIsOneCallOneClockReadAndOneSlotClaimPerRun() throws Exception {
        try (EventBus bus = EventBus.create()) {
            EventStream<MarketDataEvent> ticks = bus.stream(MarketDataEvent.class);
            // tag::batch[]
            List<MarketDataEvent> snapshot = new ArrayList<>();
            for (long n = 0; n < 32; n++) {
                snapshot.add(tick(n));
            }
            int accepted = bus.publishBatch(snapshot);   // every envelope shares one publish time
            // end::batch[]
            assertThat(accepted).isEqualTo(32);
            long publishNanos = ticks.poll(20, TimeUnit.SECONDS).publishNanos();
            for (int i = 1; i < 32; i++) {
                assertThat(ticks.poll(20, TimeUnit.SECONDS).publishNanos()).isEqualTo(publishNanos);
            }
        }
    }

    @Test
    void aBusThatDoesNotStampReportsNoLatency() throws Exception {
        StatsCollector stats = new StatsCollector();
        // tag::unstamped[]
        EventBus bus = EventBus.builder()
                .stampPublishTime(false)   // no System.nanoTime() per publish
                .observer(stats)
                .build();
        // end::unstamped[]
        try (bus) {
            EventStream<MarketDataEvent> ticks = bus.stream(MarketDataEvent.class);
            bus.publish(tick(1));
            assertThat(ticks.poll(20, TimeUnit.SECONDS).publishNanos()).isEqualTo(Envelope.NOT_STAMPED);
            assertThat(stats.of(EventType.MARKET_DATA).latency()).isEqualTo(LatencySnapshot.UNAVAILABLE);
            assertThat(stats.of(EventType.MARKET_DATA).latency().available()).isFalse();
        }
        assertThatThrownBy(() -> bus.exclusivePublisher("late")).hasMessageContaining("is closed");
    }
}
