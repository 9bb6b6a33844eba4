package io.hftbus.core.internal;

import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a bus closes without losing what it accepted.
 *
 * <p><b>Sealing decides what was accepted.</b> {@link #begin()} seals every lane: it sets a bit in
 * the lane's producer index with a CAS, and every offer is a CAS on that index expecting the value
 * it read. So each offer is ordered against the seal: one that lands before it is accepted and will
 * be delivered; one that comes after is refused, and its publish throws
 * {@link io.hftbus.api.BusClosedException}. No counter or fence on the publish path is needed for
 * this beyond the CAS the offer makes anyway.
 *
 * <p><b>Draining, cascades included.</b> After the seal, the only offers a lane accepts are those
 * of the bus's own dispatch threads: a handler that publishes derived events while the close
 * drains (a pipeline stage) still gets them delivered, so a graceful close delivers the whole
 * cascade. The dispatch threads therefore end together, when none is delivering and every lane is
 * empty ({@link CloseBarrier}). {@link #state} holds the number of busy dispatch threads, a version
 * that every {@link #markBusy()} advances, and the terminated bit. A dispatch thread marks itself
 * busy (a CAS that also advances the version) before it takes an envelope, and idle after its lanes
 * ran dry. {@link #tryTerminate()} reads the state, finds no thread busy, checks that every lane is
 * taken to its end, and sets the terminated bit with a CAS expecting the state it read. Any thread
 * that became busy in between changed the version, so the CAS fails; and a derived envelope was
 * offered by a thread that was busy until after its offer, so a reader that sees that thread idle
 * also sees the envelope in its lane. Hence termination happens only when no envelope is left and
 * none can come.
 *
 * <p><b>Worker groups</b> take part as a second kind of busy: the workers of live groups
 * ({@link GroupRegistry}) may publish past the seal too, and {@link #tryTerminate()} also requires
 * every group to be quiescent (its workers completed as many handler calls as it was handed),
 * checked before the lanes, so that an event a worker published in its last call is seen in its
 * lane. When the bus terminates, the groups are told to stop and their workers end with their
 * queues empty; {@link #await} joins them with the dispatch threads.
 *
 * <p><b>Giving up.</b> If a handler does not return, {@code close(timeout)} gives up at its
 * deadline ({@link #finish} forced): it takes what is left in the lanes and reports it as
 * {@link DropReason#BUS_CLOSED}, and cuts the subscribers off, so that a dispatch thread that
 * resumes later reports instead of delivering (see {@link Subscriber#accepts}). A dispatch thread's
 * publish after that is refused, and one that raced the give-up drains the lane itself.
 */
final class CloseProtocol implements CloseBarrier {

    private static final Logger LOG = LoggerFactory.getLogger(CloseProtocol.class);

    /** {@link #state}: set once, when the dispatch threads are done or the close gave up. */
    private static final long TERMINATED = Long.MIN_VALUE;
    /** {@link #state}: the busy count's bits. */
    private static final long BUSY_MASK = 0xFFFFL;
    /** {@link #state}: one step of the version, above the busy count. */
    private static final long VERSION_STEP = 1L << 16;

    private final String busName;
    private final Lane[] lanes;
    private final SubscriberTable table;
    private final ObserverChain observers;
    private final GroupRegistry groups;
    private Thread[] dispatchThreads;
    private EventBus bus;

    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private volatile boolean closing;
    /** Set when the close gave up on its dispatch threads: a late offer must clean up after itself. */
    private volatile boolean forced;
    private final AtomicLong state;
    private final AtomicInteger liveDispatchers;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean drainedCleanly;

    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong dispatchFailures = new AtomicLong();
    private final RateLimitedLog dispatchFailureLog = new RateLimitedLog();

    CloseProtocol(String busName, Lane[] lanes, SubscriberTable table, ObserverChain observers, GroupRegistry groups,
                  int dispatchers) {
        this.busName = busName;
        this.lanes = lanes.clone();
        this.table = table;
        this.observers = observers;
        this.groups = groups;
        // Every dispatch thread counts as busy until it first finds its lanes empty while closing.
        this.state = new AtomicLong(dispatchers);
        this.liveDispatchers = new AtomicInteger(dispatchers);
    }

    /** Completes the set-up: the bus (for {@code onClosed}) and its threads, before any starts. */
    void attach(EventBus bus, Thread[] dispatchThreads) {
        this.bus = bus;
        this.dispatchThreads = dispatchThreads.clone();
    }

    // ------------------------------------------------------------------------------------------------
    // The closing thread.

    /** Seals the lanes and wakes the dispatch threads; only the first call does anything. */
    void begin() {
        if (!closeStarted.compareAndSet(false, true)) {
            return;
        }
        // Seal first, then announce: a dispatch thread that sees closing must find every lane sealed,
        // or it could end while an outside publisher still gets an offer in.
        for (Lane lane : lanes) {
            lane.seal();
        }
        closing = true;
        for (Thread thread : dispatchThreads) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits until the dispatch threads are done or the deadline passes. An interrupt does not end
     * the wait: a close that runs after an interrupt (a try-with-resources after a caught
     * {@code InterruptedException}, say) still delivers everything; the interrupt status is set
     * again before this returns.
     *
     * @return whether the drain completed in time and cleanly
     */
    boolean await(long deadlineNanos) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (done.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        joinThreads(deadlineNanos);
                        return drainedCleanly;
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            finish(true);
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void joinThreads(long deadlineNanos) {
        boolean interrupted = false;
        List<Thread> threads = new ArrayList<>(Arrays.asList(dispatchThreads));
        // The groups' workers end once the close has told them to stop (finish), their queues empty.
        threads.addAll(groups.threads());
        for (Thread thread : threads) {
            while (true) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isDispatchThread(Thread thread) {
        for (Thread dispatchThread : dispatchThreads) {
            if (dispatchThread == thread) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------
    // Publishers.

    /**
     * Whether the calling thread may offer past a lane's seal: a dispatch thread, or a worker of a
     * live group, while the close still drains. Called only on the rare path where an offer found
     * its lane sealed.
     */
    boolean mayPassSeal() {
        Thread current = Thread.currentThread();
        return !forced && (isDispatchThread(current) || groups.isWorkerThread(current));
    }

    /**
     * After an offer past the seal: if the close has given up meanwhile, nobody else will take the
     * envelope, so the publisher takes what is in the lane and reports it dropped.
     */
    void afterOfferPastSeal(Lane lane) {
        if (forced) {
            dropAbandoned(lane);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // CloseBarrier: the dispatch threads.

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void markIdle() {
        state.decrementAndGet();
    }

    @Override
    public boolean markBusy() {
        while (true) {
            long current = state.get();
            if ((current & TERMINATED) != 0) {
                return false;
            }
            if (state.compareAndSet(current, current + VERSION_STEP + 1)) {
                return true;
            }
        }
    }

    @Override
    public boolean tryTerminate() {
        long current = state.get();
        if ((current & TERMINATED) != 0) {
            return true;
        }
        if ((current & BUSY_MASK) != 0) {
            return false;
        }
        // The groups before the lanes: a worker counts a call as completed after whatever it published
        // in it, so once the count shows the call, the lanes show what it published (see
        // ParallelSubscriber). No dispatch thread delivers now (none is busy, and one that becomes busy
        // makes the CAS below fail), so what the groups were handed is final.
        if (!groups.allQuiescent()) {
            return false;
        }
        for (Lane lane : lanes) {
            if (!lane.allTaken()) {
                return false;
            }
        }
        // Expecting the exact state read, version included: see the class comment.
        return state.compareAndSet(current, current | TERMINATED) || (state.get() & TERMINATED) != 0;
    }

    @Override
    public void dispatchFailed(Throwable unexpected) {
        long failures = dispatchFailures.incrementAndGet();
        if (dispatchFailureLog.admit() >= 0) {
            RateLimitedLog.warn(LOG, "bus '{}': dispatch thread {} caught an unexpected failure ({} so far); it goes"
                    + " on, and close() will report the drain as not clean", new Object[] {busName,
                    Thread.currentThread().getName(), failures}, unexpected);
        }
    }

    @Override
    public void dispatcherExited() {
        if (liveDispatchers.decrementAndGet() == 0) {
            finish(false);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The end.

    /**
     * Ends the bus once: by the last dispatch thread after a complete drain, or by the closing
     * thread when the drain did not complete in time, in which case what is still in the lanes is
     * reported as dropped.
     */
    void finish(boolean forcedClose) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (forcedClose) {
            // Written before the lanes are drained: a publisher past the seal that reads it after its
            // offer drains the lane itself (afterOfferPastSeal), so no envelope is left behind.
            forced = true;
            state.getAndUpdate(current -> current | TERMINATED);
            for (Lane lane : lanes) {
                dropAbandoned(lane);
            }
            LOG.warn("bus '{}': close timed out; {} accepted events dropped as BUS_CLOSED, dispatch threads still"
                    + " alive: {}", busName, abandoned.get(), liveDispatchers.get());
        } else {
            drainedCleanly = dispatchFailures.get() == 0;
        }
        List<Subscriber> subscribers = table.close();
        for (Subscriber subscriber : subscribers) {
            if (forcedClose) {
                // Written before active is cleared (both volatile): a dispatch thread still delivering,
                // which finds the subscriber inactive, then sees this and reports a BUS_CLOSED drop for
                // it instead of skipping it in silence (see Subscriber.accepts).
                subscriber.cutOffByClose = true;
            }
            subscriber.active = false;
            subscriber.ended();
        }
        observers.closed(bus);
        done.countDown();
    }

    /** Whether the drain is over, one way or the other. */
    boolean isDone() {
        return done.getCount() == 0;
    }

    private void dropAbandoned(Lane lane) {
        // Until the consumer index reaches the producer index: an offer that claimed its slot before
        // the seal may not have written it yet, and poll() returns null for it until it has.
        while (lane.hasEnvelopes()) {
            Envelope<?> envelope = lane.poll();
            if (envelope == null) {
                Thread.yield();
                continue;
            }
            abandoned.incrementAndGet();
            observers.dropped(envelope, null, DropReason.BUS_CLOSED);
        }
    }
}
