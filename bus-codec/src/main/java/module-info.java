/**
 * The binary codec of hftbus events, derived from the event records themselves, with the
 * permanent wire codes of {@link io.hftbus.api.event.WireCoded}: the body format of the journal
 * and the wire format of the bridge, so that neither depends on the other. Start at
 * {@link io.hftbus.codec.EventCodec}.
 */
module io.hftbus.codec {
    requires transitive io.hftbus.api;

    exports io.hftbus.codec;
}
