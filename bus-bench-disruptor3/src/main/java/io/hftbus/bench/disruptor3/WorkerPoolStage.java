package io.hftbus.bench.disruptor3;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.LifecycleAware;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WorkHandler;
import com.lmax.disruptor.WorkerPool;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.util.Util;
import io.hftbus.api.WaitStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A stage run by Disruptor 3.4's {@code WorkerPool}: competing workers on one single-producer ring,
 * each item handled by exactly one of them. The peer of a bus worker group in the benchmarks.
 *
 * <p>The Disruptor it runs on is relocated into this module's jar (under
 * {@code io.hftbus.bench.disruptor3.lmax}), so that it sits beside the Disruptor 4 that the other
 * benchmarks use; no Disruptor type appears in this class's public signatures.
 *
 * <p>Threading: {@link #start} and {@link #close} may be called from any thread, once each.
 * {@link #publish} is for one publishing thread at a time (the ring is single-producer), and
 * {@link #close} must come after that thread's last publish has returned, ordered by something that
 * makes it visible, such as joining the publisher or closing the bus whose handler publishes. The
 * work runs on the stage's worker threads, concurrently with itself.
 *
 * @param <T> what is handed from the publisher to the workers
 */
public final class WorkerPoolStage<T> implements AutoCloseable {

    /** How long {@link #start} waits for every worker to run, and {@link #close} for them to drain and end. */
    private static final long DEADLINE_SECONDS = 10;

    private final String name;
    private final RingBuffer<Slot<T>> ring;
    private final WorkerPool<Slot<T>> pool;
    private final Sequence[] workerSequences;
    private final List<Thread> threads;
    private final LongAdder failures;
    /** Written by the closing thread, read by the publisher: a publish after close fails rather than vanishes. */
    private volatile boolean closed;

    private WorkerPoolStage(String name, RingBuffer<Slot<T>> ring, WorkerPool<Slot<T>> pool, List<Thread> threads,
            LongAdder failures) {
        this.name = name;
        this.ring = ring;
        this.pool = pool;
        this.workerSequences = pool.getWorkerSequences();
        this.threads = threads;
        this.failures = failures;
    }

    /**
     * Starts a stage: {@code workers} daemon threads named {@code name-worker-i}, waiting with
     * {@code waiting}'s Disruptor counterpart ({@code BusySpinWaitStrategy}, {@code YieldingWaitStrategy},
     * {@code SleepingWaitStrategy} for {@link WaitStrategy#BACKOFF}, {@code BlockingWaitStrategy}), on a
     * ring of {@code ringSize} slots. Returns once every worker runs. A {@code work} that throws is
     * counted in {@link #failures()}, and its worker goes on with the next item.
     *
     * @throws IllegalArgumentException naming the argument, if {@code name} is blank, {@code workers} is
     *         below 1 or {@code ringSize} is not a power of two
     * @throws IllegalStateException if the workers are not all running within the start deadline
     */
    public static <T> WorkerPoolStage<T> start(String name, int workers, WaitStrategy waiting, int ringSize,
            Consumer<? super T> work) {
        return start(name, workers, waiting, ringSize, Slots.EMPTIED, work);
    }

    /**
     * As {@link #start(String, int, WaitStrategy, int, Consumer)}, choosing whether a worker empties
     * the slot it took.
     *
     * @param slots {@link Slots#EMPTIED}, or {@link Slots#KEPT} to leave each item in its slot until
     *              the ring reuses it
     */
    public static <T> WorkerPoolStage<T> start(String name, int workers, WaitStrategy waiting, int ringSize,
            Slots slots, Consumer<? super T> work) {
        if (slots == null) {
            throw new IllegalArgumentException("slots must not be null");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was " + (name == null ? "null" : "'" + name + "'"));
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1 but was " + workers);
        }
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two but was " + ringSize);
        }
        if (waiting == null) {
            throw new IllegalArgumentException("waiting must not be null");
        }
        if (work == null) {
            throw new IllegalArgumentException("work must not be null");
        }
        RingBuffer<Slot<T>> ring = RingBuffer.createSingleProducer(Slot::new, ringSize, disruptorStrategy(waiting));
        CountDownLatch running = new CountDownLatch(workers);
        LongAdder failures = new LongAdder();
        WorkerPool<Slot<T>> pool = new WorkerPool<>(ring, ring.newBarrier(), new Counting<>(failures),
                handlers(workers, new Handler<>(work, running, slots == Slots.EMPTIED)));
        // The pool was given the ring, so the ring must learn the workers' sequences itself: without
        // them as gating sequences the publisher would wrap over slots not yet handled.
        ring.addGatingSequences(pool.getWorkerSequences());
        List<Thread> threads = new ArrayList<>(workers);
        pool.start(processor -> {
            Thread thread = new Thread(processor, name + "-worker-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        });
        WorkerPoolStage<T> stage = new WorkerPoolStage<>(name, ring, pool, threads, failures);
        // A worker halted before its thread runs would clear the alert and run forever (the
        // processor's run() starts by clearing it), so no close may come before every worker runs.
        if (!awaitRunning(running)) {
            pool.halt();
            throw new IllegalStateException(name + ": " + running.getCount() + " of " + workers
                    + " workers not running after " + DEADLINE_SECONDS + " s");
        }
        return stage;
    }

    /**
     * Hands {@code item} to the workers, waiting while the ring is full. One publishing thread at a time.
     *
     * @throws IllegalArgumentException if {@code item} is null
     * @throws IllegalStateException if the stage is closed
     */
    public void publish(T item) {
        if (item == null) {
            throw new IllegalArgumentException(name + ": item must not be null");
        }
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        long sequence = ring.next();
        // A plain write: the ring's publish below stores the cursor with release semantics, and a
        // worker reads the cursor (volatile) before it reads the slot, so it sees this item.
        ring.get(sequence).item = item;
        ring.publish(sequence);
    }

    /** How many items' work threw, so far. Any thread. */
    public long failures() {
        return failures.sum();
    }

    /**
     * Stops accepting, waits until the workers have handled every published item, halts them and joins
     * their threads. Once it returns, everything the work did is visible to the caller. A second close
     * does nothing.
     *
     * @throws IllegalStateException naming what is left, if the workers do not drain and end within the
     *         close deadline, or if the closing thread is interrupted
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        // The workers store their sequences with release semantics after each item's work and these
        // reads are volatile, so once they pass the cursor the work they did happens-before what
        // follows. drainAndHalt() waits the same way, but with no deadline.
        while (ring.getCursor() > Util.getMinimumSequence(workerSequences)) {
            if (System.nanoTime() - deadline > 0) {
                pool.halt();
                throw new IllegalStateException(name + ": workers had handled up to "
                        + Util.getMinimumSequence(workerSequences) + " of " + ring.getCursor() + " after "
                        + DEADLINE_SECONDS + " s");
            }
            Thread.yield();
        }
        pool.drainAndHalt();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted joining " + thread.getName(), e);
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(name + ": " + thread.getName() + " still running after "
                        + DEADLINE_SECONDS + " s");
            }
        }
    }

    private static boolean awaitRunning(CountDownLatch running) {
        try {
            return running.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static com.lmax.disruptor.WaitStrategy disruptorStrategy(WaitStrategy waiting) {
        return switch (waiting) {
            case BUSY_SPIN -> new BusySpinWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BACKOFF -> new SleepingWaitStrategy();
            case BLOCKING -> new BlockingWaitStrategy();
        };
    }

    /** One handler serves every worker: it keeps no state of its own, and the pool wraps each use in a processor. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type is made raw; it holds only handler
    private static <T> WorkHandler<Slot<T>>[] handlers(int workers, Handler<T> handler) {
        WorkHandler<Slot<T>>[] handlers = new WorkHandler[workers];
        Arrays.fill(handlers, handler);
        return handlers;
    }

    /**
     * A ring slot: the publisher fills it; the one worker that claims its sequence takes the item, and
     * empties the slot unless items are kept.
     */
    private static final class Slot<T> {
        T item;
    }

    /** What a worker does with the slot it took. */
    public enum Slots {
        /**
         * Empties it before the work runs: no handled item stays reachable from the ring. Neighbouring
         * slots share cache lines, so two workers taking neighbouring slots write the same lines in turn.
         */
        EMPTIED,
        /**
         * Leaves the item there until the publisher reuses the slot: workers only read the ring, and up
         * to {@code ringSize} handled items stay reachable from it, as in a bus worker group's ring.
         */
        KEPT
    }

    /**
     * Runs the work on a slot's item, emptying the slot first unless items are kept; counts each worker
     * in as it starts.
     */
    private static final class Handler<T> implements WorkHandler<Slot<T>>, LifecycleAware {

        private final Consumer<? super T> work;
        private final CountDownLatch running;
        private final boolean emptiesSlots;

        Handler(Consumer<? super T> work, CountDownLatch running, boolean emptiesSlots) {
            this.work = work;
            this.running = running;
            this.emptiesSlots = emptiesSlots;
        }

        @Override
        public void onEvent(Slot<T> slot) {
            T item = slot.item;
            if (emptiesSlots) {
                // Emptied before the work runs, so that a throwing work leaves no reference behind. The
                // worker stores its sequence (release) after this, and the publisher reads it (volatile)
                // before it reuses the slot, so this write cannot land on the next item.
                slot.item = null;
            }
            work.accept(item);
        }

        @Override
        public void onStart() {
            running.countDown();
        }

        @Override
        public void onShutdown() {
            // Nothing to release.
        }
    }

    /** Counts what threw and lets the worker go on. */
    private static final class Counting<T> implements ExceptionHandler<T> {

        private final LongAdder failures;

        Counting(LongAdder failures) {
            this.failures = failures;
        }

        @Override
        public void handleEventException(Throwable failure, long sequence, T event) {
            failures.increment();
        }

        @Override
        public void handleOnStartException(Throwable failure) {
            failures.increment();
        }

        @Override
        public void handleOnShutdownException(Throwable failure) {
            failures.increment();
        }
    }
}
