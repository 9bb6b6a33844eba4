package io.hftbus.bench;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import io.hftbus.api.event.MarketDataEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Guava's {@link AsyncEventBus} on one executor thread, as it is usually set up: every receiver is
 * a subscriber object, called through the executor. The subscribers are marked
 * {@link AllowConcurrentEvents}, which spares them Guava's per-call lock; one executor thread calls
 * them one at a time anyway. Its executor's queue is unbounded and blocking: Guava offers no wait
 * strategy and no pull API, so it has no pull topology here.
 */
final class GuavaPipeline implements Pipeline {

    private final ExecutorService executor;
    private final AsyncEventBus bus;

    GuavaPipeline(Receiver[] receivers) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-guava-executor");
            thread.setDaemon(true);
            return thread;
        });
        bus = new AsyncEventBus("bench", executor);
        for (Receiver receiver : receivers) {
            bus.register(new Listener(receiver));
        }
    }

    @Override
    public void publish(MarketDataEvent event) {
        bus.post(event);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Guava subscriber; public with a public method, as Guava finds it by reflection. */
    public static final class Listener {

        private final Receiver receiver;

        Listener(Receiver receiver) {
            this.receiver = receiver;
        }

        /** Called by Guava on its executor thread. */
        @Subscribe
        @AllowConcurrentEvents
        public void onMarketData(MarketDataEvent event) {
            receiver.onEvent(event);
        }
    }
}
