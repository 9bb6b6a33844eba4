/** Recording and replay for an hftbus bus, as a {@link io.hftbus.api.BusObserver}. */
module io.hftbus.recorder {
    requires transitive io.hftbus.api;
}
