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
 * <p><b>Strict priority.</b> Lanes are scanned from CRITICAL down after every envelope, so an
 * envelope of a higher lane is the next one delivered after the current handler call, however many
 * lower-priority envelopes are queued.
 *
 * <p><b>What it reads of the publishers' lines.</b> Taking an envelope reads only the slot it takes
 * (see {@link Lane}). The producer index, the line every offer CASes, is read to sample the depth
 * only every {@value #DEPTH_SAMPLE_INTERVAL} envelopes, and when the lane turns deep: with every
 * envelope the thread looks at the slot {@value #DEPTH_PROBE} places ahead, and samples when that
 * slot is filled and was not the time before. While the lane is shallow that slot's line is one the
 * thread wrote itself when it last freed the slot, so at low rates, when every event is a burst of
 * its own, nothing but the slot it takes is read from the publisher's core (and the producer index
 * before parking, with {@link io.hftbus.api.WaitStrategy#BACKOFF} and
 * {@link io.hftbus.api.WaitStrategy#BLOCKING}). The high-water mark is therefore a sampled figure:
 * exact for a backlog when the lane turns deep, and it can miss a depth below {@value #DEPTH_PROBE}
 * or a peak between samples of a long burst.
 *
 * <p><b>Waking.</b> A dispatch thread that parks announces it in its {@link WakeableSleeper} and
 * looks at its lanes once more; a publisher offers (a CAS on the lane's producer index) and then
 * reads the announcement. See {@link WakeableSleeper} for why no wake-up is lost.
 *
 * <p><b>Positions.</b> The dispatch thread is its lanes' only consumer until a forced close, so the
 * count of envelopes it has taken from a lane is the position of the next one; subscribers compare
 * it with the lane's position when they subscribed (see {@link Subscriber#accepts}).
 */
final class Dispatcher implements Runnable {

    /** The depth of a lane is sampled every this many envelopes taken from it; a power of two. */
    static final int DEPTH_SAMPLE_INTERVAL = 64;
    /** The depth is sampled when the lane turns to holding an envelope this far ahead. */
    static final int DEPTH_PROBE = 16;

    private final Lane[] lanes;
    /** Per lane of {@link #lanes}, whether the last probe found it deep; this thread's alone. */
    private final boolean[] deep;
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
        this.deep = new boolean[lanes.length];
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
        ObserverChain observers = sharedObservers.forThread();
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
        while (true) {
            if (!markedIdle && dispatchNext(observers)) {
                idle.reset();
                continue;
            }
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

    /** Takes and delivers the head of the highest-priority non-empty lane; false if all are empty. */
    private boolean dispatchNext(ObserverChain observers) {
        for (int i = 0; i < lanes.length; i++) {
            Lane lane = lanes[i];
            long position = lane.taken.getPlain();
            Envelope<?> envelope = lane.take();
            if (envelope != null) {
                boolean wasDeep = deep[i];
                boolean isDeep = lane.holds(position + DEPTH_PROBE);
                deep[i] = isDeep;
                if (isDeep && !wasDeep || (position & (DEPTH_SAMPLE_INTERVAL - 1)) == 0) {
                    // The envelope just taken counts too; a publisher refilling the lane meanwhile can make
                    // the estimate exceed what the lane holds, so it is capped at the capacity.
                    lane.recordDepth(Math.min(lane.size() + 1, lane.capacity));
                }
                deliver(envelope, lane.ordinal, position, observers);
                return true;
            }
        }
        return false;
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

    private boolean anyLaneHasEnvelopes() {
        for (Lane lane : lanes) {
            if (lane.hasEnvelopes()) {
                return true;
            }
        }
        return false;
    }
}
