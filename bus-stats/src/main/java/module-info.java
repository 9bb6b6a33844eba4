/** Per-event-type statistics for an hftbus bus, as a {@link io.hftbus.api.BusObserver}. */
module io.hftbus.stats {
    requires transitive io.hftbus.api;
}
