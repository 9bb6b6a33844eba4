package io.hftbus.bridge;

/**
 * What an {@link io.hftbus.api.Envelope#origin()} of a bridged event stands for: the bridge
 * publishes the events of each remote bus instance through an exclusive publisher of its own
 * origin, numbered from 1 in the order the instances were first heard from.
 *
 * @param origin     the local origin number its envelopes carry, {@code > 0}
 * @param bus        the remote bus's name
 * @param instanceId the remote bridge's {@linkplain BridgeConfig#instanceId() instance id}
 */
public record RemoteOrigin(int origin, String bus, long instanceId) {
}
