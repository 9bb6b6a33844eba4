/**
 * Per-event-type statistics for an hftbus bus, as a {@link io.hftbus.api.BusObserver}: exact
 * counters, HdrHistogram latency, lane depths, an optional periodic reporter, and the Dagger
 * {@link io.hftbus.stats.StatsModule}.
 */
// The requires-automatic lints are off for this module (see its pom): Dagger and HdrHistogram ship
// as automatic modules.
module io.hftbus.stats {
    requires transitive io.hftbus.api;
    requires transitive dagger;
    requires jakarta.inject;
    requires HdrHistogram;
    requires org.slf4j;

    exports io.hftbus.stats;
}
