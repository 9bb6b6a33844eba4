package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;

/**
 * The end of a pipeline: what every contender calls (or what its pull thread calls) once per event
 * and receiver. One thread calls a given receiver, so implementations keep plain state and publish
 * their progress with a release store that {@link #seen()} reads with acquire.
 */
public interface Receiver {

    /** Called once per event, in publish order for a single publisher. */
    void onEvent(MarketDataEvent event);

    /** How many events this receiver has taken, read with acquire from any thread. */
    long seen();
}
