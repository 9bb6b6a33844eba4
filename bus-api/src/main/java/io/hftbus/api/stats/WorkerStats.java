package io.hftbus.api.stats;

/**
 * The figures of one worker thread of a worker group or sharded subscription at one moment.
 *
 * @param index           the worker's index in its group; a sharded subscription's shard number
 * @param thread          the worker thread's name
 * @param received        envelopes the worker's handler was called with and returned from (or
 *                        threw), {@code >= 0}
 * @param backlog         envelopes waiting in the worker's own queue now, {@code >= 0}: a shard's
 *                        queue; always 0 for the workers of a group, which share one queue (the
 *                        group's {@link SubscriberStats#backlog()})
 * @param handlerFailures handler calls of this worker that threw, {@code >= 0}
 * @param busyNanos       time spent working, in nanoseconds, {@code >= 0}: from taking an envelope
 *                        until the worker found its queue empty, so the handler calls and the
 *                        hand-off between them, not the waits for work. Brought up to date when the
 *                        queue runs empty and every 64 calls of a longer run; at most those calls
 *                        behind {@code received}
 */
public record WorkerStats(int index, String thread, long received, int backlog, long handlerFailures,
                          long busyNanos) {

    /** Validates the record. */
    public WorkerStats {
        if (index < 0) {
            throw new IllegalArgumentException("WorkerStats.index must be >= 0 but was " + index);
        }
        if (thread == null) {
            throw new NullPointerException("WorkerStats.thread must not be null for worker " + index);
        }
        if (received < 0) {
            throw new IllegalArgumentException("WorkerStats.received must be >= 0 but was " + received);
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("WorkerStats.backlog must be >= 0 but was " + backlog);
        }
        if (handlerFailures < 0) {
            throw new IllegalArgumentException("WorkerStats.handlerFailures must be >= 0 but was " + handlerFailures);
        }
        if (busyNanos < 0) {
            throw new IllegalArgumentException("WorkerStats.busyNanos must be >= 0 but was " + busyNanos);
        }
    }
}
