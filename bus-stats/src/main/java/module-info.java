/**
 * Per-event-type statistics for an hftbus bus, as a {@link io.hftbus.api.BusObserver}: exact
 * counters, HdrHistogram latency, lane depths, an optional periodic reporter, and the Dagger
 * {@link io.hftbus.stats.StatsModule}.
 */
// The requires-automatic lint is off (see the parent pom): Dagger and HdrHistogram ship as
// automatic modules (docs/modules.md says what the HdrHistogram name means for applications).
module io.hftbus.stats {
    requires transitive io.hftbus.api;
    // Only StatsModule and its generated factories use these: a StatsCollector given to the
    // builder runs without a Dagger jar.
    requires static dagger;
    requires static jakarta.inject;
    requires HdrHistogram;
    requires org.slf4j;

    exports io.hftbus.stats;
}
