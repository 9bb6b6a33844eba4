package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.core.idle.IdleStrategy;
import io.hftbus.core.idle.WakeableSleeper;
import java.util.function.Function;

/**
 * A dispatch thread's loop: take the next envelope from the highest-priority non-empty lane it
 * owns, hand it to its subscribers, repeat; wait by its {@link IdleStrategy} when every lane is
 * empty; once the bus is closing, drain and leave together with the other dispatch threads
 * ({@link CloseBarrier}).
 *
 * <p><b>Batches.</b> The thread takes from a lane every envelope that is ready, up to
 * {@value #BATCH}, with one claim ({@link Lane#drain}), and delivers them from its own buffer; the
 * lane's slots are free again at once. One atomic operation per batch rather than per envelope is
 * what lets a dispatch thread keep up with a publisher that offers without contention.
 *
 * <p><b>Strict priority.</b> Lanes are scanned from CRITICAL down after every envelope, so an
 * envelope of a higher lane is the next one delivered after the current handler call, however many
 * lower-priority envelopes are queued or already taken into the buffer.
 *
 * <p><b>What it reads of the publishers' lines.</b> Taking an envelope reads only the slot it takes
 * (see {@link Lane}). The producer index, the line every offer CASes, is read to sample the depth
 * every {@value #DEPTH_SAMPLE_INTERVAL} envelopes, and at the start of a burst only when the lane
 * proves deep: the thread first looks at the next slot (the line its next take reads anyway) and,
 * only if that is filled, at the slot {@value #DEPTH_PROBE} places ahead. At low rates, when every
 * event is a burst of its own and the next slot is empty, nothing but the slots it takes is read
 * from the publisher's core, but for one envelope in {@value #DEPTH_SAMPLE_INTERVAL} (and the
 * producer index before parking, with {@link io.hftbus.api.WaitStrategy#BACKOFF} and
 * {@link io.hftbus.api.WaitStrategy#BLOCKING}). The high-water mark is therefore a sampled figure:
 * exact for a backlog found at a burst's start, low by less than {@value #DEPTH_SAMPLE_INTERVAL}
 * for one that builds during a burst.
 *
 * <p><b>Waking.</b> A dispatch thread that parks announces it in its {@link WakeableSleeper} and
 * looks at its lanes once more; a publisher offers (a CAS on the lane's producer index) and then
 * reads the announcement. See {@link WakeableSleeper} for why no wake-up is lost.
 *
 * <p><b>Positions.</b> The dispatch thread is its lanes' only consumer until a forced close, so the
 * count of envelopes it has taken from a lane is the position of the next one; subscribers compare
 * it with the lane's position when they subscribed (see {@link Subscriber#accepts}).
 *
 * <p><b>A close that gives up.</b> Envelopes already taken into the buffer are the dispatch
 * thread's: a close that gives up on a handler that does not return reports what is still in the
 * lanes, and the thread reports what it had taken (to the subscribers the close cut off) when the
 * handler returns. A handler that never returns keeps at most {@value #BATCH} taken envelopes per
 * lane from being reported.
 */
final class Dispatcher implements Runnable {

    /** Most envelopes taken from a lane with one claim. */
    static final int BATCH = 64;
    /** The depth of a lane is sampled every this many envelopes taken from it; a power of two. */
    static final int DEPTH_SAMPLE_INTERVAL = 16;
    /** At a burst's start the depth is sampled only if the lane holds an envelope this far ahead. */
    static final int DEPTH_PROBE = 16;

    private final Lane[] lanes;
    /** Per lane of {@link #lanes}: envelopes taken and not yet delivered, this thread's alone. */
    private final Envelope<?>[][] taken;
    /** Per lane: the next of {@link #taken} to deliver, how many it holds, and the first one's position. */
    private final int[] next;
    private final int[] held;
    private final long[] firstPosition;
    private final SubscriberTable table;
    private final ObserverChain sharedObservers;
    private final IdleStrategy idle;
    private final CloseBarrier close;
    /** Whether dispatch reads the clock: the bus stamps publish times and someone observes. */
    private final boolean readClock;

    /** Parks this thread and lets publishers wake it; the idle strategy's last step. */
    final WakeableSleeper sleeper;

    /**
     * @param lanesInPriorityOrder the lanes this thread drains, highest priority first
     * @param idleStrategy         makes the idle strategy, given the sleeper it may use
     * @param stamped              whether the bus stamps publish times
     */
    Dispatcher(Lane[] lanesInPriorityOrder, SubscriberTable table, ObserverChain observers,
               Function<WakeableSleeper, IdleStrategy> idleStrategy, CloseBarrier close, boolean stamped,
               long parkSafetyNanos) {
        this.lanes = lanesInPriorityOrder.clone();
        this.taken = new Envelope<?>[lanes.length][BATCH];
        this.next = new int[lanes.length];
        this.held = new int[lanes.length];
        this.firstPosition = new long[lanes.length];
        this.table = table;
        this.sharedObservers = observers;
        this.close = close;
        this.readClock = stamped && !observers.isEmpty();
        // The last look before parking: work in a lane, or the close to take part in.
        this.sleeper = new WakeableSleeper(() -> anyLaneHasEnvelopes() || close.isClosing(), parkSafetyNanos);
        this.idle = idleStrategy.apply(sleeper);
    }

    @Override
    public void run() {
        // Asked for here, on this thread: a view may keep counters that only this thread writes.
        ObserverChain observers = sharedObservers.forDispatchThread();
        try {
            while (true) {
                try {
                    loop(observers);
                    return;
                } catch (Throwable unexpected) {
                    // Handlers and observers are isolated where they are called, so this is the JVM (an
                    // OutOfMemoryError, say) or a bus bug. Dying would stall the lanes for good: report it,
                    // mark the bus's close as not clean, and keep draining.
                    close.dispatchFailed(unexpected);
                }
            }
        } finally {
            close.dispatcherExited();
        }
    }

    private void loop(ObserverChain observers) {
        boolean markedIdle = false;
        boolean burstStart = true;
        while (true) {
            if (!markedIdle && dispatchNext(observers, burstStart)) {
                burstStart = false;
                idle.reset();
                continue;
            }
            burstStart = true;
            if (!close.isClosing()) {
                idle.idle();
                continue;
            }
            // Closing, and this thread's lanes were empty: take part in ending together.
            if (!markedIdle) {
                close.markIdle();
                markedIdle = true;
            }
            if (close.tryTerminate()) {
                return;
            }
            if (anyLaneHasEnvelopes()) {
                // Busy again before taking anything: see CloseBarrier.
                if (!close.markBusy()) {
                    return;
                }
                markedIdle = false;
            } else {
                Thread.yield();
            }
        }
    }

    /**
     * Delivers the next envelope of the highest-priority lane that has one, taken before or taken
     * now; false if every lane is empty.
     */
    private boolean dispatchNext(ObserverChain observers, boolean burstStart) {
        for (int i = 0; i < lanes.length; i++) {
            int at = next[i];
            if (at == held[i]) {
                Lane lane = lanes[i];
                long position = lane.taken.getPlain();
                int count = lane.drain(taken[i], BATCH);
                if (count == 0) {
                    continue;
                }
                sampleDepth(lane, position, count, burstStart);
                firstPosition[i] = position;
                held[i] = count;
                at = 0;
            }
            Envelope<?> envelope = taken[i][at];
            taken[i][at] = null;
            if (at + 1 == held[i]) {
                next[i] = 0;
                held[i] = 0;
            } else {
                next[i] = at + 1;
            }
            deliver(envelope, lanes[i].ordinal, firstPosition[i] + at, observers);
            return true;
        }
        return false;
    }

    /**
     * Samples the depth of a lane just drained from {@code position} on (see the class comment): when
     * the drain took a position that is a multiple of {@value #DEPTH_SAMPLE_INTERVAL}, or at a
     * burst's start when the lane proves deep. What was just taken counts too.
     */
    private static void sampleDepth(Lane lane, long position, int count, boolean burstStart) {
        long firstMultiple = (position + DEPTH_SAMPLE_INTERVAL - 1) & -DEPTH_SAMPLE_INTERVAL;
        if (firstMultiple < position + count || burstStart && lane.holds(position + count) && lane.holds(position + DEPTH_PROBE)) {
            // A publisher refilling the lane meanwhile can make the estimate exceed what the lane holds,
            // so it is capped at the capacity.
            lane.recordDepth(Math.min(lane.size() + count, lane.capacity));
        }
    }

    private void deliver(Envelope<?> envelope, int lane, long position, ObserverChain observers) {
        // One clock read per envelope, shared by all its deliveries.
        long dispatchNanos = readClock ? System.nanoTime() : Envelope.NOT_STAMPED;
        observers.dispatched(envelope, dispatchNanos);
        // One volatile read of the table per envelope: a fully built, never modified array.
        for (Subscriber subscriber : table.forType(envelope.event().type().ordinal())) {
            subscriber.deliver(envelope, lane, position, dispatchNanos, observers);
        }
    }

    /** Whether a lane has envelopes; those already taken are delivered before this is asked. */
    private boolean anyLaneHasEnvelopes() {
        for (Lane lane : lanes) {
            if (lane.hasEnvelopes()) {
                return true;
            }
        }
        return false;
    }
}
