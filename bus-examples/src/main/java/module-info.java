/**
 * Runnable hftbus examples. The stages use {@code io.hftbus.api} only; the assembly picks the core,
 * statistics and recorder modules here, with {@code requires}.
 */
// The requires-automatic lint is off (see the parent pom): Dagger and Micrometer ship as automatic modules.
module io.hftbus.examples {
    requires io.hftbus.api;
    requires io.hftbus.core;
    requires io.hftbus.stats;
    requires io.hftbus.recorder;
    requires io.hftbus.nats;
    requires io.hftbus.metrics;
    requires io.hftbus.monitor;
    requires micrometer.registry.prometheus;
    requires dagger;
    requires jakarta.inject;
    requires org.slf4j;
}
