/**
 * The hftbus API: event records, the {@link io.hftbus.api.EventBus} contract, subscriptions,
 * observers, and the views of the optional statistics and recorder modules. Applications compile
 * against this module alone; the implementation is found at run time through
 * {@link io.hftbus.api.spi.EventBusProvider}.
 */
module io.hftbus.api {
    exports io.hftbus.api;
    exports io.hftbus.api.event;
    exports io.hftbus.api.spi;
    exports io.hftbus.api.stats;
    exports io.hftbus.api.recorder;

    uses io.hftbus.api.spi.EventBusProvider;
}
