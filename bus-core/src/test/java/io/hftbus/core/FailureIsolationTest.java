package io.hftbus.core;


import io.hftbus.api.EventBus;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailureIsolationTest {

    @Test
    void aHandlerThatInterruptsTheDispatchThreadDoesNotMakeItSpin() {
        try (EventBus bus = EventBus.create()) {
            AtomicInteger count = new AtomicInteger();
            bus.subscribe(MarketDataEvent.class, e -> {
                count.incrementAndGet();
                Thread.currentThread().interrupt();
            });
            bus.publish(SampleEvents.tick(1));
            Await.until("the first event", () -> count.get() == 1);
            Thread dispatch = LifecycleTest.dispatchThreads("hftbus").stream().findFirst().orElseThrow();
            Await.until("the dispatch thread to park despite the interrupt",
                    () -> dispatch.getState() == Thread.State.TIMED_WAITING);
            bus.publish(SampleEvents.tick(2));
            Await.until("the second event", () -> count.get() == 2);
        }
    }
}
