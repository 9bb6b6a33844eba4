package io.hftbus.core.internal;

import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventHandler;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.GroupOverflow;
import io.hftbus.api.Priority;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.WorkerStats;
import io.hftbus.core.idle.IdleStrategy;
import io.hftbus.core.idle.WakeableSleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * A subscriber whose handler runs on worker threads of its own, fed by the dispatch thread through
 * bounded queues: the common part of a worker group ({@link GroupSubscriber}, one queue shared by
 * every worker) and a sharded subscription ({@link ShardedSubscriber}, one queue per worker). The
 * subclass decides which queue an envelope goes to and which worker to wake.
 *
 * <p><b>The dispatch side</b> ({@link #deliver}) takes no lock and allocates nothing: route, one
 * offer (a CAS on the queue's producer index), one plain increment published by a release store of
 * what this lane has handed to the group, and the wake-up's volatile read of the worker's sleep
 * flag, skipped when the wait strategy never parks a worker. A full queue is the
 * {@link GroupOverflow}'s: wait for room, or drop and count.
 *
 * <p><b>Waking a worker.</b> A worker that found its queue empty parks through its own
 * {@link WakeableSleeper}, whose last look is {@code !queue.isEmpty()} (volatile reads of both
 * queue indices); the dispatch thread offers (the CAS on the producer index) and then reads the
 * worker's sleep flag: the sleeper's handshake, so no wake-up is lost. A group wakes one sleeping
 * worker per envelope; a worker that takes an envelope and sees more queued wakes another, so a
 * backlog spreads over every worker even if wake-ups raced.
 *
 * <p><b>Quiescence, for the close.</b> {@link #enqueued} counts, per lane, what the lane's dispatch
 * thread handed to the queues (single writer per lane, release stores), and each worker counts the
 * handler calls it completed (single writer, release store after the call). The close asks
 * {@link #isQuiescent()} only while every dispatch thread is idle, so the handed counts are final;
 * it reads the workers' counts first, with acquire, and the lanes after. A worker's count is raised
 * after its handler returned, so a close that sees the last call counted also sees, in its lane, any
 * event that call published (see {@link CloseProtocol#tryTerminate()}).
 */
abstract class ParallelSubscriber extends Subscriber implements WorkerGroup {

    /** A dispatch thread waiting for room in a full queue ({@link GroupOverflow#BLOCK}) spins, yields, then parks this long. */
    private static final long ROOM_PARK_NANOS = 20_000L;
    private static final int ROOM_SPINS = 128;
    private static final int ROOM_YIELDS = 128;

    final EventHandler<Event> handler;
    final HandlerFailures failures;
    final ObserverChain sharedObservers;
    private final GroupRegistry registry;
    private final GroupOverflow overflow;
    /** See {@link GroupSetting#workersPark()}. */
    final boolean workersPark;
    private final int queueCapacity;
    final WorkQueue[] queues;
    final GroupWorker[] workers;
    /** Per lane ordinal: envelopes that lane's dispatch thread handed to the queues. */
    private final PaddedCounter[] enqueued;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger liveWorkers;

    /** Set once, by unsubscribe or the bus's close: workers finish what is queued and end. */
    volatile boolean stopping;

    /**
     * @param queues  the group's queues
     * @param queueOf gives the index in {@code queues} of the queue the worker of each index takes from
     */
    ParallelSubscriber(CoreEventBus bus, String name, Set<EventType> types, long[] fromPositions,
                       EventHandler<Event> handler, GroupOptions options, WorkQueue[] queues,
                       int workerCount, IntUnaryOperator queueOf, GroupSetting setting) {
        super(bus, name, types, fromPositions);
        this.handler = handler;
        this.failures = setting.failures();
        this.sharedObservers = setting.observers();
        this.registry = setting.registry();
        this.overflow = options.overflow();
        this.workersPark = setting.workersPark();
        this.queues = queues;
        this.queueCapacity = capacityOf(options);
        this.enqueued = new PaddedCounter[Priority.count()];
        for (int i = 0; i < enqueued.length; i++) {
            enqueued[i] = new PaddedCounter(0);
        }
        this.workers = new GroupWorker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            WorkQueue queue = queues[queueOf.applyAsInt(i)];
            WakeableSleeper sleeper = new WakeableSleeper(() -> stopping || !queue.isEmpty(),
                    CoreEventBus.PARK_SAFETY_NANOS);
            IdleStrategy idle = setting.idleStrategy().apply(sleeper);
            workers[i] = new GroupWorker(this, i, queue, sleeper, idle);
        }
        this.liveWorkers = new AtomicInteger(workerCount);
    }

    /** The capacity each queue has: the option rounded up to a power of two, as the queues round it. */
    static int capacityOf(GroupOptions options) {
        int capacity = options.queueCapacity();
        return capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
    }

    /**
     * Makes the worker threads, not started yet.
     *
     * @throws IllegalStateException if the factory returns null
     */
    final void createThreads(ThreadFactory factory, String busName) {
        for (GroupWorker worker : workers) {
            worker.thread = CoreEventBus.newThread(factory, worker,
                    "hftbus-" + busName + "-" + name + "-" + worker.index, "worker thread of '" + name + "'");
        }
    }

    /** Starts the worker threads: after the group entered the registry and the table. */
    final void startThreads() {
        for (GroupWorker worker : workers) {
            worker.thread.start();
        }
    }

    /** The worker threads. */
    final List<Thread> threads() {
        List<Thread> threads = new ArrayList<>(workers.length);
        for (GroupWorker worker : workers) {
            threads.add(worker.thread);
        }
        return threads;
    }

    // ------------------------------------------------------------------------------------------------
    // The dispatch side.

    /**
     * The queue of this envelope, or -1 if it goes to none (a key fault, already reported). Called
     * on the dispatch thread once per envelope.
     */
    abstract int route(Envelope<?> envelope, ObserverChain observers);

    /** Wakes the worker, or one of the workers, that takes from queue {@code queue}: after an offer to it. */
    abstract void wake(int queue);

    /** Called by a worker that took an envelope from {@code queue}: a group wakes a peer if more wait. */
    abstract void afterTake(GroupWorker worker, WorkQueue queue);

    @Override
    final void deliver(Envelope<?> envelope, int lane, long position, long dispatchNanos, ObserverChain observers) {
        if (!accepts(envelope, lane, position, observers)) {
            return;
        }
        int queue = route(envelope, observers);
        if (queue < 0) {
            // A key fault is the subscription's own failure, like a handler that threw: it received
            // the envelope, and nothing is left of it to count as dropped.
            observers.delivered(envelope, this, dispatchNanos);
            return;
        }
        if (queues[queue].offer(envelope) || overflow == GroupOverflow.BLOCK && offerWhenRoom(queue, envelope, observers)) {
            PaddedCounter handed = enqueued[lane];
            // Single writer (the lane's dispatch thread): a plain read, a release store for the close.
            handed.setRelease(handed.getPlain() + 1);
            // After the offer's CAS: the volatile read of the sleep flag (see the class comment). Workers
            // that never park (BUSY_SPIN, YIELDING) have no flag worth reading.
            if (workersPark) {
                wake(queue);
            }
            observers.delivered(envelope, this, dispatchNanos);
        } else if (overflow == GroupOverflow.DROP) {
            dropped.incrementAndGet();
            observers.dropped(envelope, this, DropReason.STREAM_LAGGING);
        }
    }

    /**
     * {@link GroupOverflow#BLOCK}: waits until the queue takes the envelope. Gives up when the group
     * is unsubscribed (nothing is owed then) or a close that timed out cut it off (then the envelope
     * is reported dropped for it).
     */
    private boolean offerWhenRoom(int queue, Envelope<?> envelope, ObserverChain observers) {
        for (int round = 0; ; round++) {
            if (!active) {
                // The close writes cutOffByClose before it clears active (both volatile).
                if (cutOffByClose) {
                    observers.dropped(envelope, this, DropReason.BUS_CLOSED);
                }
                return false;
            }
            if (round < ROOM_SPINS) {
                Thread.onSpinWait();
            } else if (round < ROOM_SPINS + ROOM_YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, ROOM_PARK_NANOS);
            }
            if (queues[queue].offer(envelope)) {
                return true;
            }
        }
    }

    /** Wakes one sleeping worker of {@code candidates}, if any sleeps. */
    static void wakeOne(GroupWorker[] candidates, GroupWorker except) {
        for (GroupWorker worker : candidates) {
            if (worker != except && worker.sleeper.wake()) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Ending.

    @Override
    final void ended() {
        stopping = true;
        for (GroupWorker worker : workers) {
            // After the volatile write of stopping, which the sleeper's last look reads.
            worker.sleeper.wake();
        }
    }

    /** A worker's thread is leaving; the last one takes the group out of the registry. */
    final void workerExited() {
        if (liveWorkers.decrementAndGet() == 0) {
            registry.remove(this);
        }
    }

    /** See the class comment; called by the close only while no dispatch thread delivers. */
    final boolean isQuiescent() {
        long completed = 0;
        for (GroupWorker worker : workers) {
            completed += worker.handled.getAcquire();
        }
        long handed = 0;
        for (PaddedCounter lane : enqueued) {
            handed += lane.getAcquire();
        }
        return completed >= handed;
    }

    @Override
    public final boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            throw new NullPointerException("awaitTermination timeout must not be null for '" + name + "'");
        }
        Thread current = Thread.currentThread();
        for (GroupWorker worker : workers) {
            if (worker.thread == current) {
                throw new IllegalStateException("'" + name + "': awaitTermination called on its own worker thread "
                        + current.getName() + ", which would wait for itself");
            }
        }
        if (!stopping) {
            return false;
        }
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        for (GroupWorker worker : workers) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(worker.thread, remaining);
            }
            if (worker.thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------
    // Figures.

    @Override
    public final int workerCount() {
        return workers.length;
    }

    @Override
    public final int queueCapacity() {
        return queueCapacity;
    }

    @Override
    public final GroupOverflow overflow() {
        return overflow;
    }

    @Override
    public final long received() {
        long sum = 0;
        for (GroupWorker worker : workers) {
            sum += worker.handled.getAcquire();
        }
        return sum;
    }

    @Override
    public final int backlog() {
        long sum = 0;
        for (WorkQueue queue : queues) {
            sum += queue.size();
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    @Override
    public final long dropped() {
        return dropped.get();
    }

    @Override
    public final long handlerFailures() {
        long sum = 0;
        for (GroupWorker worker : workers) {
            sum += worker.failures();
        }
        return sum;
    }

    @Override
    public final List<WorkerStats> workers() {
        List<WorkerStats> stats = new ArrayList<>(workers.length);
        for (GroupWorker worker : workers) {
            stats.add(new WorkerStats(worker.index, worker.thread.getName(), worker.handled.getAcquire(),
                    isSharded() ? worker.queue.size() : 0, worker.failures(), worker.busyNanos.getAcquire()));
        }
        return stats;
    }

    /**
     * What a group takes from its bus besides its own arguments.
     *
     * @param workersPark whether the idle strategy can park a worker ({@code BACKOFF}, {@code BLOCKING});
     *                    if not, nobody ever needs waking and the wake-up reads are skipped
     */
    record GroupSetting(HandlerFailures failures, ObserverChain observers, GroupRegistry registry,
                        Function<WakeableSleeper, IdleStrategy> idleStrategy, boolean workersPark) {
    }
}
