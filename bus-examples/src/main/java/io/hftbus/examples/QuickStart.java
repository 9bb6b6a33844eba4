package io.hftbus.examples;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.MarketDataEvent;

/**
 * The README's quick start, compiled and run: create a bus, subscribe to market data, publish a
 * {@link MarketDataEvent}, receive it.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * Runs the quick start.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the event
     */
    public static void main(String[] args) throws InterruptedException {
        try (EventBus bus = EventBus.create()) {
            EventStream<MarketDataEvent> rx = bus.stream(MarketDataEvent.class);

            bus.publish(new MarketDataEvent(1_234_567_890L, "ES", 6000.0, 10.0, 5999.5, 5.0, 6000.5, 5.0));

            Envelope<MarketDataEvent> envelope = rx.take();
            System.out.println("Received: " + envelope.event() + " (sequence " + envelope.sequence()
                    + ", lane " + envelope.priority() + ")");
        }
    }
}
