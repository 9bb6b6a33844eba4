package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleTest {

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void closeDeliversEverythingAcceptedBeforeItReturns(DispatchMode mode) throws Exception {
        int events = 5_000;
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        CountingObserver observer = new CountingObserver();
        EventBus bus = EventBus.builder().name("drain-" + mode).dispatchMode(mode)
                .backpressure(BackpressurePolicy.BLOCK).laneCapacity(events * 2).observer(observer).build();
        bus.subscribe(MarketDataEvent.class, e -> {
            if (handled.getAndIncrement() == 0) {
                holding.countDown();
                Await.latch("release", release);
            }
        });
        EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class, events * 2);
        for (int i = 0; i < events; i++) {
            bus.publish(SampleEvents.tick(i));
        }
        Await.latch("the dispatch thread to be held", holding);
        AtomicReference<Boolean> closeResult = new AtomicReference<>();
        Thread closer = new Thread(() -> closeResult.set(bus.close(Await.DEADLINE)));
        closer.start();
        Await.until("close to begin", bus::isClosed);
        assertThatThrownBy(() -> bus.publish(SampleEvents.tick(0))).isInstanceOf(BusClosedException.class);
        release.countDown();
        Await.join(closer);

        assertThat(closeResult.get()).isTrue();
        assertThat(handled.get()).isEqualTo(events);
        assertThat(observer.closed.getCount()).isZero();
        int pulled = 0;
        while (stream.take() != null) {
            pulled++;
        }
        assertThat(pulled).isEqualTo(events);
        assertThat(stream.isEndOfStream()).isTrue();
        assertThat(stream.isActive()).isFalse();
        assertThat(observer.droppedWithoutSubscriber(DropReason.BUS_CLOSED)).isZero();
    }

    @Test
    void streamsEndWhenTheBusClosesAndWakeWaitingTakers() throws Exception {
        EventBus bus = EventBus.create();
        EventStream<OrderEvent> stream = bus.stream(OrderEvent.class, 4);
        AtomicReference<Object> taken = new AtomicReference<>("not yet");
        Thread taker = new Thread(() -> {
            try {
                taken.set(stream.take());
            } catch (InterruptedException e) {
                taken.set(e);
            }
        });
        taker.start();
        Await.until("the taker to wait", () -> taker.getState() == Thread.State.WAITING);
        bus.close();
        Await.join(taker);
        assertThat(taken.get()).isNull();
        assertThat(stream.isEndOfStream()).isTrue();
        assertThat(stream.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void unsubscribingAStreamEndsItAfterItsQueuedEnvelopes() throws Exception {
        try (EventBus bus = EventBus.create()) {
            EventStream<OrderEvent> stream = bus.stream(OrderEvent.class, 4);
            bus.publish(SampleEvents.of(EventType.ORDER, 1));
            Await.until("the order to be queued", () -> stream.size() == 1);
            stream.unsubscribe();
            assertThat(stream.isEndOfStream()).isFalse();
            assertThat(stream.take()).isNotNull();
            assertThat(stream.take()).isNull();
            assertThat(stream.isEndOfStream()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void noDispatchThreadOutlivesClose(DispatchMode mode) {
        String name = "threads-" + mode.name().toLowerCase();
        EventBus bus = EventBus.builder().name(name).dispatchMode(mode).build();
        assertThat(dispatchThreads(name)).hasSize(mode == DispatchMode.SINGLE_THREAD ? 1 : 4);
        assertThat(bus.close(Await.DEADLINE)).isTrue();
        assertThat(dispatchThreads(name)).isEmpty();
    }

    static List<Thread> dispatchThreads(String busName) {
        List<Thread> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("hftbus-" + busName + "-") && thread.isAlive()) {
                found.add(thread);
            }
        }
        return found;
    }

    @Test
    void subscriptionsReportTheirNameTypesAndState() {
        try (EventBus bus = EventBus.create()) {
            Subscription named = bus.subscribe("risk-feed", OrderEvent.class, e -> { });
            Subscription all = bus.subscribeAll(e -> { });
            assertThat(named.name()).isEqualTo("risk-feed");
            assertThat(named.types()).containsExactly(EventType.ORDER);
            assertThat(all.types()).hasSize(EventType.count());
            assertThat(named.isActive()).isTrue();
            named.close();
            named.unsubscribe();
            assertThat(named.isActive()).isFalse();
            assertThatThrownBy(() -> bus.subscribe(" ", OrderEvent.class, e -> { }))
                    .hasMessage("bus 'hftbus': subscription name must not be blank");
        }
    }
}
