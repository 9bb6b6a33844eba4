package io.hftbus.examples.pipeline;

import io.hftbus.api.event.Event;

/**
 * A source of market events, {@code MarketDataEvent}s and {@code OrderBookEvent}s, in timestamp
 * order: the synthetic market, or a journal being replayed.
 *
 * <p>Not thread-safe: one thread, the {@link MarketDataEngine}'s, reads it.
 */
public interface MarketFeed extends AutoCloseable {

    /**
     * The next event, or {@code null} when the feed has no more.
     *
     * @throws java.io.UncheckedIOException if reading the feed's source failed
     */
    Event next();

    /** Releases what the feed holds open; the default holds nothing. */
    @Override
    default void close() {
    }
}
