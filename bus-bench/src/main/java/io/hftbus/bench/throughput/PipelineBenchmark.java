package io.hftbus.bench.throughput;

import io.hftbus.bench.BatchDriver;
import io.hftbus.bench.Contender;
import io.hftbus.bench.CoreToCore;
import io.hftbus.bench.CountingReceiver;
import io.hftbus.bench.Pipeline;
import io.hftbus.bench.Receiver;
import io.hftbus.bench.Topology;
import io.hftbus.bench.Waiting;
import io.hftbus.testing.SampleEvents;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish-to-receiver throughput: one invocation publishes {@value BatchDriver#BATCH} events and
 * returns when every receiver has seen them, so the score is events per second end to end, and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per event by every thread of the
 * pipeline. Every contender waits in the {@link Waiting#YIELDING} family: on a two-core machine a
 * parked consumer measures the scheduler's wake-up, not the contender.
 *
 * <p>Subclasses choose the contenders and topologies with their {@code @Param}s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BatchDriver.BATCH)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class PipelineBenchmark {

    private Pipeline pipeline;
    private BatchDriver driver;

    /** The contender measured. */
    protected abstract Contender contender();

    /** The topology measured. */
    protected abstract Topology topology();

    /**
     * Measures the core-to-core round trip (for {@link CoreToCoreProfiler}) while this JVM has no
     * other busy thread, then builds the pipeline and its driver.
     */
    @Setup(Level.Trial)
    public void open() {
        CoreToCore.roundTripNanos();
        Topology topology = topology();
        Receiver[] receivers = new Receiver[topology.receivers()];
        for (int i = 0; i < receivers.length; i++) {
            receivers[i] = new CountingReceiver();
        }
        pipeline = contender().open(topology, Waiting.YIELDING, receivers);
        driver = new BatchDriver(pipeline, topology, receivers, SampleEvents.tick(1), contender().batchSize());
    }

    /** One batch, end to end. */
    @Benchmark
    public long publishBatch() {
        return driver.runBatch(BatchDriver.BATCH);
    }

    /** Stops the driver and the pipeline. */
    @TearDown(Level.Trial)
    public void close() {
        driver.close();
        pipeline.close();
    }
}
