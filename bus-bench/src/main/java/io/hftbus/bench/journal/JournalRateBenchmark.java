package io.hftbus.bench.journal;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.EventBus;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import io.hftbus.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A sustained 1→1 publish of ticks into a bus whose recorder journals every event with the
 * default, lossless settings, beside the same bus without a journal: events/s, and the journal's
 * bytes/s as a secondary result. Each invocation publishes a batch and waits until the handler has
 * seen it; the journal holds the publisher back whenever it falls behind, so the rate measured is
 * the rate at which every event is recorded. The trial fails if the journal lost anything.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JournalRateBenchmark {

    private static final int BATCH = 8192;

    /** With the journal, or the bus alone. */
    @Param({"journal", "none"})
    public String recording;

    private final MarketDataEvent[] ticks = SampleEvents.ticks(BATCH);
    private final AtomicLong handled = new AtomicLong();
    private Path dir;
    private BusRecorder recorder;
    private EventBus bus;
    private long expected;

    /** The journal's bytes, reported per second beside the events. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Written {
        /** Journal bytes written. */
        public long bytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("hftbus-journal-rate");
        var builder = EventBus.builder().name("journal-rate").waitStrategy(WaitStrategy.YIELDING)
                .backpressure(BackpressurePolicy.BLOCK).blockTimeout(Duration.ofSeconds(30));
        if (recording.equals("journal")) {
            recorder = BusRecorder.create(RecorderConfig.withRecording(0).withJournal(dir.resolve("rate.journal")));
            builder.observer(recorder);
        }
        bus = builder.build();
        bus.subscribe(MarketDataEvent.class, envelope -> handled.lazySet(handled.get() + 1));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishBatch(Written written) {
        long before = recorder == null ? 0 : recorder.journal().orElseThrow().bytesWritten();
        for (MarketDataEvent tick : ticks) {
            bus.publish(tick);
        }
        expected += BATCH;
        while (handled.get() < expected) {
            LockSupport.parkNanos(1_000);
        }
        if (recorder != null) {
            written.bytes += recorder.journal().orElseThrow().bytesWritten() - before;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        bus.close(Duration.ofSeconds(60));
        if (recorder != null) {
            JournalStatus status = recorder.journal().orElseThrow();
            if (status.lostAny() || status.eventsWritten() != recorder.recordedCount()) {
                throw new IllegalStateException("the journal lost events: " + status);
            }
            Files.deleteIfExists(status.path());
        }
        Files.deleteIfExists(dir);
    }
}
