package io.hftbus.bench.scaleout;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.bench.disruptor3.WorkerPoolStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A slow stage scaled out: a handler that does a fixed amount of work per event ({@link #workNanos},
 * spun on the clock), run on the dispatch thread, on a worker group, on a sharded subscription, and
 * the ways users write by hand: a bus handler that submits to a {@link ThreadPoolExecutor}, one that
 * publishes into a Disruptor 3.4 {@code WorkerPool} ({@link WorkerPoolStage}), and one that partitions
 * by symbol into JCTools SPSC queues drained by threads of their own. One invocation
 * publishes {@value #BATCH} ticks over {@value #SYMBOLS} symbols and returns when the stage has
 * handled all of them: the score is events per second end to end.
 *
 * <p>The contenders ending in {@code -oversubscribed} run more workers than the machine has cores
 * beside the publisher and the dispatch thread; they say how the stage behaves when workers wait
 * for a core, not what free cores would give.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ScaleOutBenchmark.BATCH)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScaleOutBenchmark {

    static final int BATCH = 10_000;
    static final int SYMBOLS = 8;
    /** The benchmark thread's park while it waits for the stage. */
    static final long WAIT_PARK_NANOS = 20_000L;

    /** Who runs the stage. */
    @Param({"handler", "group-2", "thread-pool-2", "workerpool-2", "workerpool-2-kept", "sharded-2",
            "jctools-partitioned-2", "group-4-oversubscribed"})
    public String contender;

    /** Work per event, in nanoseconds. */
    @Param("1000")
    public long workNanos;

    private EventBus bus;
    private final LongAdder handled = new LongAdder();
    private long target;
    private MarketDataEvent[] ticks;
    private ThreadPoolExecutor pool;
    private WorkerPoolStage<Envelope<MarketDataEvent>> workerPool;
    private Partitioned partitioned;

    @Setup(Level.Trial)
    public void open() {
        ticks = new MarketDataEvent[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            ticks[i] = new MarketDataEvent(i, "SYM" + i, 100.0 + i, 1.0, 99.5 + i, 1.0, 100.5 + i, 1.0);
        }
        bus = EventBus.builder().name("scale-out").waitStrategy(WaitStrategy.YIELDING)
                .backpressure(BackpressurePolicy.BLOCK).laneCapacity(16_384).build();
        long work = workNanos;
        switch (contender) {
            case "handler":
                bus.subscribe(MarketDataEvent.class, e -> stage(work));
                break;
            case "group-2":
                bus.subscribeGroup("stage", MarketDataEvent.class, 2, e -> stage(work));
                break;
            case "group-4-oversubscribed":
                bus.subscribeGroup("stage", MarketDataEvent.class, 4, e -> stage(work));
                break;
            case "sharded-2":
                bus.subscribeSharded("stage", MarketDataEvent.class, MarketDataEvent::symbol, 2, e -> stage(work));
                break;
            case "thread-pool-2":
                pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16_384),
                        new ThreadPoolExecutor.CallerRunsPolicy());
                bus.subscribe(MarketDataEvent.class, e -> pool.execute(() -> stage(work)));
                break;
            case "workerpool-2":
                // The same wait as the bus's YIELDING, and a ring the size of the bus's lanes.
                workerPool = WorkerPoolStage.start("workerpool", 2, WaitStrategy.YIELDING, 16_384, e -> stage(work));
                bus.subscribe(MarketDataEvent.class, workerPool::publish);
                break;
            case "workerpool-2-kept":
                // As workerpool-2, with workers that leave each envelope in its slot, as the group's ring does.
                workerPool = WorkerPoolStage.start("workerpool", 2, WaitStrategy.YIELDING, 16_384,
                        WorkerPoolStage.Slots.KEPT, e -> stage(work));
                bus.subscribe(MarketDataEvent.class, workerPool::publish);
                break;
            case "jctools-partitioned-2":
                partitioned = new Partitioned(2, work);
                bus.subscribe(MarketDataEvent.class, partitioned::offer);
                break;
            default:
                throw new IllegalArgumentException("unknown contender " + contender);
        }
    }

    private void stage(long work) {
        spin(work);
        handled.increment();
    }

    static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** One batch, end to end. */
    @Benchmark
    public long publishBatch() {
        for (int i = 0; i < BATCH; i++) {
            bus.publish(ticks[i & (SYMBOLS - 1)]);
        }
        target += BATCH;
        // Parks rather than yields while the stage works. On two cores, a yielding benchmark thread and
        // the yielding dispatch thread, once the scheduler puts them on one core, yield to each other
        // and hold that core between them, leaving the stage's workers the other one: runs then flip
        // between two rates for as long as that placement lasts. A parked thread leaves its core to
        // the workers; the park's granularity costs each contender the same fraction of a batch.
        while (handled.sum() < target) {
            LockSupport.parkNanos(WAIT_PARK_NANOS);
        }
        return target;
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        bus.close();
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (workerPool != null) {
            // After bus.close(), which has joined the dispatch thread that publishes into it.
            workerPool.close();
        }
        if (partitioned != null) {
            partitioned.close();
        }
    }

    /** By hand: a bus handler partitions by symbol into SPSC queues, each drained by its own thread. */
    final class Partitioned {

        private final SpscVarHandleArrayQueue<Envelope<MarketDataEvent>>[] queues;
        private final Thread[] threads;
        private volatile boolean running = true;

        @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type is made raw
        Partitioned(int partitions, long work) {
            queues = new SpscVarHandleArrayQueue[partitions];
            threads = new Thread[partitions];
            for (int i = 0; i < partitions; i++) {
                SpscVarHandleArrayQueue<Envelope<MarketDataEvent>> queue = new SpscVarHandleArrayQueue<>(16_384);
                queues[i] = queue;
                threads[i] = new Thread(() -> {
                    while (running) {
                        Envelope<MarketDataEvent> envelope = queue.poll();
                        if (envelope == null) {
                            Thread.yield();
                        } else {
                            stage(work);
                        }
                    }
                }, "partition-" + i);
                threads[i].setDaemon(true);
                threads[i].start();
            }
        }

        void offer(Envelope<MarketDataEvent> envelope) {
            SpscVarHandleArrayQueue<Envelope<MarketDataEvent>> queue =
                    queues[WorkerGroup.shardOf(envelope.event().symbol(), queues.length)];
            while (!queue.offer(envelope)) {
                Thread.yield();
            }
        }

        void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }
}
