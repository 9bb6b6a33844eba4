package io.hftbus.core.idle;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks for a fixed time: for a thread that waits for something nobody will wake it for, such as a
 * publisher waiting for room in a full lane.
 */
public final class TimedSleeper implements Sleeper {

    private final long parkNanos;

    /** @param parkNanos how long each sleep parks, {@code > 0} */
    public TimedSleeper(long parkNanos) {
        if (parkNanos <= 0) {
            throw new IllegalArgumentException("parkNanos must be > 0 but was " + parkNanos);
        }
        this.parkNanos = parkNanos;
    }

    @Override
    public void sleep() {
        LockSupport.parkNanos(this, parkNanos);
    }

    @Override
    public String toString() {
        return "TimedSleeper[" + parkNanos + " ns]";
    }
}
