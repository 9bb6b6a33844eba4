package io.hftbus.api;

/** How the lanes are mapped to dispatch threads. Chosen per bus. */
public enum DispatchMode {
    /**
     * One dispatch thread drains all lanes, always taking from the highest-priority non-empty lane
     * next. The default, and right for small machines.
     *
     * <p>Threading contract: every handler of the bus runs on that one thread, so no handler is
     * ever called concurrently with itself or with another handler of the bus, and a handler
     * sees events of one lane in publish order.
     */
    SINGLE_THREAD,
    /**
     * One dispatch thread per lane: a slow market-data handler cannot delay an order.
     *
     * <p>Threading contract: a handler is called by the thread of each lane its events travel in.
     * A handler subscribed to one type whose events are all published with the type's default
     * priority uses one lane, so it is never called concurrently with itself. A handler subscribed
     * to all types, or to a type that some publishers send with a non-default priority, may be
     * called concurrently by up to one thread per lane, and must be thread-safe. Within one lane,
     * calls follow publish order.
     */
    THREAD_PER_LANE
}
