package io.hftbus.core.internal;

import io.hftbus.api.BusClosedException;
import io.hftbus.api.event.EventType;

/**
 * What every {@link Publication} of one bus shares: the lanes, the stamping choice, the block
 * timeout, the sequence space, the close protocol and the observers. Immutable; built once by the
 * bus.
 */
final class PublishContext {

    final String name;
    final Lane[] lanes;
    final boolean stamped;
    final long blockTimeoutNanos;
    final SequenceBlocks sequences = new SequenceBlocks();
    final CloseProtocol close;
    /** The shared chain; each publication asks it for its owner's views. */
    final ObserverChain observers;

    PublishContext(String name, Lane[] lanes, boolean stamped, long blockTimeoutNanos, CloseProtocol close,
                   ObserverChain observers) {
        this.name = name;
        this.lanes = lanes.clone();
        this.stamped = stamped;
        this.blockTimeoutNanos = blockTimeoutNanos;
        this.close = close;
        this.observers = observers;
    }

    /**
     * A publisher found its lane sealed: true if it may offer past the seal (a dispatch thread while
     * the close drains), else the publish is refused.
     *
     * @param accepted how many events of a batch were accepted before, for the exception
     * @throws BusClosedException if the caller may not pass the seal
     */
    boolean passSealOrRefuse(EventType type, int accepted) {
        if (close.mayPassSeal()) {
            return true;
        }
        throw new BusClosedException(name, "publish " + type, accepted);
    }
}
