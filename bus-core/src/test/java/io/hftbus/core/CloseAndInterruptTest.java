package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BusClosedException;
import io.hftbus.api.BusObserver;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.SignalEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Closing under an interrupt, interrupts between handlers, cascades at close, and observers that refuse. */
class CloseAndInterruptTest {

    @Test
    void closeFromAnInterruptedThreadStillDeliversEverythingAcceptedAndKeepsTheInterrupt() {
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        EventBus bus = EventBus.builder().name("interrupted-close").observer(new BusObserver() {
            @Override
            public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
                dropped.incrementAndGet();
            }
        }).build();
        bus.subscribe(MarketDataEvent.class, e -> {
            Thread.sleep(1);
            delivered.incrementAndGet();
        });
        for (int i = 0; i < 200; i++) {
            bus.publish(SampleEvents.tick(i));
        }
        Thread.currentThread().interrupt();
        boolean clean;
        try {
            clean = bus.close(Duration.ofSeconds(20));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt status is set again when close returns").isTrue();
        }
        assertThat(clean).isTrue();
        assertThat(delivered).hasValue(200);
        assertThat(dropped).hasValue(0);
    }

    @Test
    void aHandlerThatLeavesTheInterruptSetIsChargedWithItAndTheNextHandlerStartsClear() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger sleptFine = new AtomicInteger();
        AtomicReference<Throwable> innocent = new AtomicReference<>();
        try (EventBus bus = EventBus.builder().name("interrupt-leak").observer(new BusObserver() {
            @Override
            public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
                failures.add(failure);
            }
        }).build()) {
            bus.subscribe("interrupter", MarketDataEvent.class, e -> Thread.currentThread().interrupt());
            bus.subscribe("sleeper", MarketDataEvent.class, e -> {
                try {
                    Thread.sleep(1);
                    sleptFine.incrementAndGet();
                } catch (InterruptedException ex) {
                    innocent.set(ex);
                    throw ex;
                }
            });
            for (int i = 0; i < 20; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("20 sleeps or a failure", () -> sleptFine.get() + (innocent.get() == null ? 0 : 20) >= 20);
        }
        assertThat(innocent.get()).as("the sleeper was interrupted for the interrupter").isNull();
        assertThat(sleptFine).hasValue(20);
        assertThat(failures).hasSize(20).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("handler 'interrupter' returned with its dispatch thread's interrupt status set"));
    }

    @Test
    void anObserverThatLeavesTheInterruptSetDoesNotInterruptTheNextHandler() {
        AtomicInteger sleptFine = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        try (EventBus bus = EventBus.builder().name("observer-interrupt").observer(new BusObserver() {
            @Override
            public void onDispatched(Envelope<?> envelope, long dispatchNanos) {
                Thread.currentThread().interrupt();
            }
        }).build()) {
            bus.subscribe(MarketDataEvent.class, e -> {
                try {
                    Thread.sleep(1);
                    sleptFine.incrementAndGet();
                } catch (InterruptedException ex) {
                    interrupted.incrementAndGet();
                }
            });
            for (int i = 0; i < 10; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            Await.until("10 deliveries", () -> sleptFine.get() + interrupted.get() == 10);
        }
        assertThat(interrupted).hasValue(0);
    }

    /**
     * Market data → features → signals, each stage a handler that publishes the next, closed while
     * the cascade is in flight: everything the stages derived is published and delivered.
     */
    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void aThreeStageCascadeClosedMidFlightIsDeliveredWhole(DispatchMode mode) throws Exception {
        int ticks = 2_000;
        int featuresPerTick = 2;
        AtomicInteger features = new AtomicInteger();
        AtomicInteger signals = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch flowing = new CountDownLatch(1);
        EventBus bus = EventBus.builder().name("cascade-" + mode).dispatchMode(mode).observer(new BusObserver() {
            @Override
            public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
                failures.add(failure);
            }
        }).build();
        bus.subscribe("features", MarketDataEvent.class, e -> {
            flowing.countDown();
            for (int i = 0; i < featuresPerTick; i++) {
                bus.publish(new FeatureEvent(e.event().timestamp(), e.event().symbol(), Map.of("f" + i, 1.0)));
            }
        });
        bus.subscribe("signals", FeatureEvent.class, e -> {
            features.incrementAndGet();
            bus.publish(SampleEvents.of(io.hftbus.api.event.EventType.SIGNAL, e.event().timestamp()));
        });
        bus.subscribe("orders", SignalEvent.class, e -> signals.incrementAndGet());
        for (int i = 0; i < ticks; i++) {
            bus.publish(SampleEvents.tick(i));
        }
        Await.latch("the cascade to flow", flowing);
        assertThat(bus.close(Duration.ofSeconds(30))).isTrue();
        // Publishes from outside the bus's threads are refused as before.
        assertThatThrownBy(() -> bus.publish(SampleEvents.tick(0))).isInstanceOf(BusClosedException.class);
        assertThat(failures).isEmpty();
        assertThat(features).hasValue(ticks * featuresPerTick);
        assertThat(signals).hasValue(ticks * featuresPerTick);
    }

    @Test
    void anObserverThatRefusesToAttachMakesBuildFailAndNothingIsInstalled() {
        AtomicInteger firstClosed = new AtomicInteger();
        BusObserver first = new BusObserver() {
            @Override
            public void onClosed(EventBus bus) {
                firstClosed.incrementAndGet();
            }
        };
        BusObserver refusing = new BusObserver() {
            @Override
            public void onAttached(EventBus bus) {
                throw new IllegalStateException("already observing bus 'other'");
            }
        };
        assertThatThrownBy(() -> EventBus.builder().name("refused").observer(first).observer(refusing).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bus 'refused' not started: observer")
                .hasMessageContaining("refused to attach: already observing bus 'other'");
        // The one that had attached is told the bus is gone; no dispatch thread was started.
        assertThat(firstClosed).hasValue(1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("hftbus-refused-"));
    }
}
