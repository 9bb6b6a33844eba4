package io.hftbus.core.internal;

import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * A pull subscriber: the dispatch thread offers into the stream's own bounded queue and never
 * waits; application threads take.
 *
 * <p><b>Waking takers.</b> A taker that finds the queue empty registers in {@link #waiters} (a
 * volatile write) and polls once more before it awaits; the dispatch thread offers and then reads
 * {@link #waiters}. As with the dispatcher's own parking, the two sequentially consistent accesses
 * guarantee that one side sees the other, so the lock is taken only when someone waits: the
 * dispatch thread's usual cost is one volatile read.
 *
 * <p><b>Virtual threads.</b> The takers wait on a {@link ReentrantLock}'s condition and never inside
 * a {@code synchronized} block, so a virtual thread waiting here parks and unmounts instead of
 * pinning its carrier (bus-flow's virtual-thread test checks it with JFR on JDK 21 and newer).
 */
final class StreamSubscriber<E extends Event> extends Subscriber implements EventStream<E> {

    private final MpmcVarHandleArrayQueue<Envelope<E>> queue;
    private final AtomicLong lagged = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmptyOrEnded = lock.newCondition();
    private volatile int waiters;
    private volatile boolean ended;

    StreamSubscriber(CoreEventBus bus, String name, EventType type, long[] fromPositions, int capacity) {
        super(bus, name, Set.of(type), fromPositions);
        this.queue = new MpmcVarHandleArrayQueue<>(capacity);
    }

    @Override
    @SuppressWarnings("unchecked")
    void deliver(Envelope<?> envelope, int lane, long position, long dispatchNanos, ObserverChain observers) {
        if (!accepts(envelope, lane, position, observers)) {
            return;
        }
        // The table routes by type, so the envelope's event is of the stream's type.
        if (queue.offer((Envelope<E>) envelope)) {
            observers.delivered(envelope, this, dispatchNanos);
            if (waiters != 0) {
                signal(false);
            }
        } else {
            lagged.incrementAndGet();
            observers.dropped(envelope, this, DropReason.STREAM_LAGGING);
        }
    }

    @Override
    void ended() {
        ended = true;
        if (waiters != 0) {
            signal(true);
        }
    }

    private void signal(boolean all) {
        lock.lock();
        try {
            if (all) {
                notEmptyOrEnded.signalAll();
            } else {
                notEmptyOrEnded.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Envelope<E> take() throws InterruptedException {
        Envelope<E> envelope = queue.poll();
        return envelope != null ? envelope : awaitNext(false, 0L);
    }

    @Override
    public Envelope<E> poll() {
        return queue.poll();
    }

    @Override
    public Envelope<E> poll(long timeout, TimeUnit unit) throws InterruptedException {
        Envelope<E> envelope = queue.poll();
        return envelope != null ? envelope : awaitNext(true, unit.toNanos(timeout));
    }

    /**
     * The slow path of the takes: registers as a waiter, then polls again before each wait (see the
     * class comment), until an envelope arrives, the stream ends, or a timed wait runs out.
     */
    private Envelope<E> awaitNext(boolean timed, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lockInterruptibly();
        try {
            waiters++;
            try {
                while (true) {
                    Envelope<E> envelope = queue.poll();
                    if (envelope != null || ended) {
                        // After the end, one more poll: an envelope offered just before it was queued last.
                        return envelope != null ? envelope : queue.poll();
                    }
                    if (!timed) {
                        notEmptyOrEnded.await();
                    } else if (remaining <= 0) {
                        return null;
                    } else {
                        remaining = notEmptyOrEnded.awaitNanos(remaining);
                    }
                }
            } finally {
                waiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int capacity() {
        return queue.capacity();
    }

    @Override
    public long lagged() {
        return lagged.get();
    }

    @Override
    public boolean isEndOfStream() {
        return ended && queue.isEmpty();
    }
}
