package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;

/**
 * One contender set up for one topology: each publishing thread gets a {@link Publisher} from
 * {@link #publisher()}, the contender's threads (or the pipeline's pull thread) hand every event to
 * every receiver.
 */
public interface Pipeline extends AutoCloseable {

    /**
     * Publishes one event; waits while the contender is full. Thread-safe for as many publisher
     * threads as the topology has.
     */
    void publish(MarketDataEvent event);

    /**
     * A publisher for the calling thread, to be used by it alone: how a contender that has a faster
     * single-thread way in (an exclusive publisher handle) or a batch publish is driven. The default
     * publishes through {@link #publish}.
     */
    default Publisher publisher() {
        return this::publish;
    }

    /** Stops the pipeline's threads and waits for them. */
    @Override
    void close();

    /** One thread's way into a pipeline. */
    @FunctionalInterface
    interface Publisher {

        /** Publishes one event; waits while the contender is full. */
        void publish(MarketDataEvent event);

        /**
         * Publishes {@code events[0, count)} in order; waits while the contender is full. The
         * default publishes them one at a time; contenders with a batch publish override it.
         */
        default void publishBatch(MarketDataEvent[] events, int count) {
            for (int i = 0; i < count; i++) {
                publish(events[i]);
            }
        }
    }
}
