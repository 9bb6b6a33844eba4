package io.hftbus.metrics;

/**
 * The names and tag keys of the meters {@link BusMetrics} registers, in Micrometer's dotted form; a
 * registry renders them in its own convention (Prometheus: {@code hftbus_events_published_total},
 * {@code hftbus_events_latency_seconds}, {@code hftbus_lane_depth}).
 *
 * <p>Every meter carries the tag {@link #TAG_BUS}; type meters {@link #TAG_TYPE} (an
 * {@code EventType} name such as {@code MARKET_DATA}), lane meters {@link #TAG_LANE} (a
 * {@code Priority} name such as {@code CRITICAL}), subscriber meters {@link #TAG_SUBSCRIBER} (the
 * subscription's name).
 */
public final class BusMeterNames {

    /** Counter, per type: events that claimed a sequence, including those a full lane refused. */
    public static final String EVENTS_PUBLISHED = "hftbus.events.published";
    /** Counter, per type: deliveries to subscribers (one event to three subscribers counts three). */
    public static final String EVENTS_RECEIVED = "hftbus.events.received";
    /** Counter, per type and {@link #TAG_REASON}: drops, by {@code DropReason} name. */
    public static final String EVENTS_DROPPED = "hftbus.events.dropped";
    /** Counter, per type: handler calls that threw. */
    public static final String EVENTS_HANDLER_FAILURES = "hftbus.events.handler.failures";
    /**
     * Time gauge, per type and {@link #TAG_QUANTILE} ({@code 0.5}, {@code 0.9}, {@code 0.99},
     * {@code 0.999}): publish-to-dispatch latency since the bus started. NaN on a bus that does not
     * stamp publish times.
     */
    public static final String EVENTS_LATENCY = "hftbus.events.latency";
    /** Time gauge, per type: the highest publish-to-dispatch latency since the bus started; NaN if unstamped. */
    public static final String EVENTS_LATENCY_MAX = "hftbus.events.latency.max";
    /** Counter, per type: latency values recorded, one per dispatched envelope; NaN if unstamped. */
    public static final String EVENTS_LATENCY_COUNT = "hftbus.events.latency.count";
    /** Gauge, per lane: envelopes waiting now. */
    public static final String LANE_DEPTH = "hftbus.lane.depth";
    /** Gauge, per lane: envelopes the lane holds at most. */
    public static final String LANE_CAPACITY = "hftbus.lane.capacity";
    /** Gauge, per lane: the highest depth the dispatch thread saw since the bus started. */
    public static final String LANE_HIGH_WATER_MARK = "hftbus.lane.high.water.mark";
    /** Counter, per handler subscriber: its handler calls that threw. */
    public static final String SUBSCRIBER_HANDLER_FAILURES = "hftbus.subscriber.handler.failures";
    /** Counter, per stream subscriber: envelopes it dropped because its queue was full. */
    public static final String STREAM_LAGGED = "hftbus.stream.lagged";
    /** Gauge, per stream subscriber: envelopes waiting in its queue now. */
    public static final String STREAM_BACKLOG = "hftbus.stream.backlog";

    /** Tag key: the bus's name. */
    public static final String TAG_BUS = "bus";
    /** Tag key: the event type. */
    public static final String TAG_TYPE = "type";
    /** Tag key: the lane's priority. */
    public static final String TAG_LANE = "lane";
    /** Tag key: the subscription's name. */
    public static final String TAG_SUBSCRIBER = "subscriber";
    /** Tag key: the drop reason. */
    public static final String TAG_REASON = "reason";
    /** Tag key: the latency quantile, as a decimal fraction. */
    public static final String TAG_QUANTILE = "quantile";

    private BusMeterNames() {
    }
}
