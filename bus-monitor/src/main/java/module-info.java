/**
 * A live web monitor of an hftbus bus, on the JDK's own HTTP server: {@link io.hftbus.monitor.WebMonitor}
 * serves a page with charts, the statistics as JSON, Prometheus text when given a scrape, and a
 * server-sent-events stream of one sample per second.
 */
module io.hftbus.monitor {
    requires transitive io.hftbus.stats;
    requires jdk.httpserver;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.hftbus.monitor;
}
