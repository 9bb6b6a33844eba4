package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;

/**
 * One contender set up for one topology: publishers call {@link #publish}, the contender's threads
 * (or the pipeline's pull thread) hand every event to every receiver.
 */
public interface Pipeline extends AutoCloseable {

    /**
     * Publishes one event; waits while the contender is full. Thread-safe for as many publisher
     * threads as the topology has.
     */
    void publish(MarketDataEvent event);

    /** Stops the pipeline's threads and waits for them. */
    @Override
    void close();
}
