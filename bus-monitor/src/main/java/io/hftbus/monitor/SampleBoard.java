package io.hftbus.monitor;

import java.util.concurrent.TimeUnit;

/**
 * The latest sample, where the sampler puts it and the HTTP threads wait for it.
 *
 * <p>Thread-safe: one writer (the sampler) and any number of readers; a reader that waits for a
 * newer sample never holds the writer up, since the lock is held only to swap or read a
 * reference.
 */
final class SampleBoard {

    /** Guarded by {@code this}. */
    private Sample latest;
    /** Guarded by {@code this}. */
    private boolean closed;

    /** Puts a new sample up and wakes every waiting reader. */
    synchronized void post(Sample sample) {
        latest = sample;
        notifyAll();
    }

    /** The latest sample, or {@code null} before the first. */
    synchronized Sample latest() {
        return latest;
    }

    /**
     * Waits for a sample newer than {@code afterSequence}, at most {@code timeoutNanos}.
     *
     * @return the newer sample, or {@code null} on time-out or once closed
     */
    synchronized Sample awaitAfter(long afterSequence, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!closed && (latest == null || latest.sequence() <= afterSequence)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return closed ? null : latest;
    }

    /** Whether {@link #close()} was called. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Wakes every waiting reader for good. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
