package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.Event;
import io.hftbus.core.idle.IdleStrategy;
import io.hftbus.core.idle.WakeableSleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread of a {@link ParallelSubscriber}: takes from its queue, calls the handler,
 * counts; waits by the bus's idle strategy when the queue is empty; ends once the group is told to
 * stop and its queue is empty.
 *
 * <p><b>Counters.</b> {@link #handled}, {@link #busyNanos} and the failure count have this thread as
 * their only writer: plain reads of its own values and release stores, so that readers (statistics,
 * the close) see a value with everything the worker did before it, at no fence on the worker's
 * path. {@link #handled} is raised after the handler returned; the close relies on that order. The
 * clock is read once per run of calls (and every {@value #BUSY_FLUSH_CALLS} calls of a long run),
 * not twice per call: at a microsecond of work per event, two clock reads per call cost a few
 * percent of the worker's throughput.
 */
final class GroupWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupWorker.class);
    /** Calls of one run after which its busy time is added, so a long run shows in the figures as it goes. */
    static final int BUSY_FLUSH_CALLS = 64;

    final ParallelSubscriber group;
    final int index;
    final WorkQueue queue;
    final WakeableSleeper sleeper;
    private final IdleStrategy idle;
    /** Set before the thread starts (Thread.start publishes it to the thread; the table's publication to dispatch threads). */
    Thread thread;

    /** Handler calls completed. */
    final PaddedCounter handled = new PaddedCounter(0);
    /** Nanoseconds spent working: handler calls and the hand-off between them, not waiting for work. */
    final PaddedCounter busyNanos = new PaddedCounter(0);
    /** Handler calls that failed; written on the failure path only. */
    private volatile long failures;
    private final RateLimitedLog loopFailureLog = new RateLimitedLog();

    GroupWorker(ParallelSubscriber group, int index, WorkQueue queue, WakeableSleeper sleeper,
                IdleStrategy idle) {
        this.group = group;
        this.index = index;
        this.queue = queue;
        this.sleeper = sleeper;
        this.idle = idle;
    }

    long failures() {
        return failures;
    }

    @Override
    public void run() {
        // Asked for here, on this thread: a view may keep counters that only this thread writes.
        ObserverChain observers = group.sharedObservers.forDispatchThread();
        try {
            while (true) {
                try {
                    loop(observers);
                    return;
                } catch (Throwable unexpected) {
                    // Handlers and observers are isolated where they are called; dying here would leave the
                    // queue without a consumer and a BLOCK group's dispatch thread waiting for good.
                    if (loopFailureLog.admit() >= 0) {
                        RateLimitedLog.warn(LOG, "worker {} of '{}' caught an unexpected failure; it goes on",
                                new Object[] {index, group.name}, unexpected);
                    }
                }
            }
        } finally {
            group.workerExited();
        }
    }

    private void loop(ObserverChain observers) {
        while (true) {
            Envelope<?> envelope = queue.poll(index);
            if (envelope != null) {
                idle.reset();
                run(envelope, observers);
            } else if (group.stopping) {
                // Told to stop (a volatile read, after the poll found nothing ready). A ring's poll finds
                // nothing while an offer is between its claim and its publish; the queue is not empty
                // then, so the worker takes that envelope too before it ends: what was queued before the
                // stop has been handled.
                if (queue.isEmpty()) {
                    return;
                }
            } else {
                idle.idle();
            }
        }
    }

    /**
     * Handles envelopes from {@code first} on until the queue is empty. The clock is read when the run
     * starts, every {@value #BUSY_FLUSH_CALLS} calls and when the queue is found empty, not around
     * every call: busy time is the run's length, handler calls and the hand-off between them. It is
     * added before {@link #handled} is raised for the call that ends a stretch, so a reader that sees
     * the worker's last call counted sees the time it took too.
     */
    private void run(Envelope<?> first, ObserverChain observers) {
        Envelope<?> envelope = first;
        long stretchStart = System.nanoTime();
        int calls = 0;
        do {
            group.afterTake(this, queue);
            handle(envelope, observers);
            envelope = queue.poll(index);
            if (envelope == null || ++calls == BUSY_FLUSH_CALLS) {
                long now = System.nanoTime();
                busyNanos.setRelease(busyNanos.getPlain() + (now - stretchStart));
                stretchStart = now;
                calls = 0;
            }
            // Release, after the handler and whatever it published: see ParallelSubscriber's quiescence.
            handled.setRelease(handled.getPlain() + 1);
        } while (envelope != null);
    }

    @SuppressWarnings("unchecked")
    private void handle(Envelope<?> envelope, ObserverChain observers) {
        try {
            // The table routes by type, so the envelope's event is of a type the handler takes.
            group.handler.onEvent((Envelope<Event>) envelope);
        } catch (Throwable failure) {
            failed(envelope, failure, observers);
        }
        if (Thread.interrupted()) {
            failed(envelope, new IllegalStateException("handler of '" + group.name + "' returned with its worker"
                    + " thread's interrupt status set; the status was cleared so that the next call starts with a"
                    + " clear one"), observers);
        }
    }

    private void failed(Envelope<?> envelope, Throwable failure, ObserverChain observers) {
        // Single writer: the volatile write costs a fence on the failure path only.
        failures = failures + 1;
        group.failures.report(envelope, group, failure, observers);
    }

    @Override
    public String toString() {
        return "GroupWorker[" + index + " of '" + group.name + "']";
    }
}
