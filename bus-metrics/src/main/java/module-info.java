/**
 * Micrometer meters over an hftbus bus's statistics: {@link io.hftbus.metrics.BusMetrics}, a
 * {@code MeterBinder} whose meters read the counters the statistics already keep, when a registry
 * reads them; with Micrometer's Prometheus registry they are scraped as Prometheus text.
 */
// The requires-automatic lint is off (see the parent pom): Micrometer ships as automatic modules.
module io.hftbus.metrics {
    // The meters read the api's BusStats; an application that requires this module creates the
    // StatsCollector of io.hftbus.stats, which it reads through this requirement.
    requires transitive io.hftbus.stats;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports io.hftbus.metrics;
}
