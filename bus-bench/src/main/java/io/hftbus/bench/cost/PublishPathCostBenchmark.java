package io.hftbus.bench.cost;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.bench.Pipelines;
import io.hftbus.testing.SampleEvents;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each step of {@code EventBus.publish} costs on its own, on one thread, in nanoseconds: the
 * sequence claim (one atomic increment), the publish time stamp ({@link System#nanoTime()}), the
 * envelope, and the lane's offer (measured with its poll, to keep the queue from filling). The raw
 * JCTools hand-off pays only the last; the sum of the others is the floor of the bus's publisher
 * cost per event, whatever the dispatch side does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PublishPathCostBenchmark {

    private final AtomicLong claims = new AtomicLong();
    private final MarketDataEvent event = SampleEvents.tick(1);
    private final MpmcVarHandleArrayQueue<MarketDataEvent> queue = new MpmcVarHandleArrayQueue<>(Pipelines.CAPACITY);
    private long sequence;

    /** The sequence claim: an atomic increment. */
    @Benchmark
    public long claimSequence() {
        return claims.getAndIncrement();
    }

    /** The publish time stamp. */
    @Benchmark
    public long timestamp() {
        return System.nanoTime();
    }

    /** The envelope: allocation and its validation. */
    @Benchmark
    public Envelope<MarketDataEvent> envelope() {
        return new Envelope<>(sequence++, 1L, Priority.HIGH, event);
    }

    /** The lane's offer, with the poll that empties it again. */
    @Benchmark
    public MarketDataEvent offerAndPoll() {
        queue.offer(event);
        return queue.poll();
    }
}
