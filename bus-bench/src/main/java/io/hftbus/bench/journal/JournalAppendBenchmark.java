package io.hftbus.bench.journal;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.codec.WireCodes;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import io.hftbus.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same events, one of each of the sixteen types in turn with their envelope's sequence,
 * publish time, priority and type, appended by one thread to the hftbus journal and to a
 * Chronicle Queue: events/s appended, and bytes per event as a secondary result (bytes/s over
 * events/s). An invocation ends when its batch is in the file: for the journal, when its writer
 * thread has handed the last record to the operating system; for Chronicle, when the last
 * document is in its memory-mapped file. Neither syncs to the device.
 *
 * <p>Chronicle Queue on JDK 17+ needs the {@code --add-exports}/{@code --add-opens} flags its
 * documentation lists; the forked JVMs get them, and its usage reporting is switched off.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        // Chronicle's usage reporting tries to reach a host on the internet; off.
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED"})
public class JournalAppendBenchmark {

    private static final int BATCH = 4096;

    /** The batch, made once. */
    @State(Scope.Benchmark)
    public static class Batch {
        final Envelope<?>[] envelopes = new Envelope<?>[BATCH];

        @Setup(Level.Trial)
        public void setUp() {
            EventType[] types = EventType.values();
            for (int i = 0; i < BATCH; i++) {
                EventType type = types[i % types.length];
                envelopes[i] = new Envelope<>(i, 1_000L * i, type.defaultPriority(), SampleEvents.of(type, i));
            }
        }
    }

    /** Bytes appended, reported per second beside the events. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Appended {
        /** Bytes appended to the file. */
        public long bytes;
    }

    /** The hftbus journal, lossless, fed as a bus feeds it (on the publishing thread). */
    @State(Scope.Benchmark)
    public static class HftbusJournal {
        Path dir;
        BusRecorder recorder;
        EventBus bus;
        long offered;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("hftbus-journal-append");
            recorder = BusRecorder.create(RecorderConfig.withRecording(0).withJournal(dir.resolve("append.journal")));
            bus = EventBus.builder().name("append").observer(recorder).build(); // attaches: starts the writer
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            bus.close();
            JournalStatus status = recorder.journal().orElseThrow();
            if (status.lostAny() || status.eventsWritten() != offered) {
                throw new IllegalStateException("the journal lost events: " + status);
            }
            deleteTree(dir);
        }
    }

    /** A Chronicle Queue with its default (binary, self-describing) wire. */
    @State(Scope.Benchmark)
    public static class ChronicleJournal {
        Path dir;
        ChronicleQueue queue;
        ExcerptAppender appender;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("chronicle-append");
            queue = ChronicleQueue.singleBuilder(dir.toFile()).build();
            appender = queue.createAppender();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            appender.close();
            queue.close();
            deleteTree(dir);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hftbusJournal(Batch batch, HftbusJournal journal, Appended appended) {
        long before = journal.recorder.journal().orElseThrow().bytesWritten();
        for (Envelope<?> envelope : batch.envelopes) {
            journal.recorder.onPublished(envelope);
        }
        journal.offered += BATCH;
        while (journal.recorder.journal().orElseThrow().eventsWritten() < journal.offered) {
            LockSupport.parkNanos(1_000);
        }
        appended.bytes += journal.recorder.journal().orElseThrow().bytesWritten() - before;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void chronicleQueue(Batch batch, ChronicleJournal chronicle, Appended appended) {
        for (Envelope<?> envelope : batch.envelopes) {
            try (DocumentContext document = chronicle.appender.writingDocument()) {
                Wire wire = document.wire();
                long start = wire.bytes().writePosition();
                wire.write("sequence").int64(envelope.sequence())
                        .write("publishNanos").int64(envelope.publishNanos())
                        .write("priority").int8((byte) WireCodes.priorityCode(envelope.priority()))
                        .write("type").int16((short) envelope.type().wireCode());
                Event event = envelope.event();
                wire.write("event").marshallable(w -> ChronicleEventWriter.write(event, w));
                appended.bytes += wire.bytes().writePosition() - start + 4; // and the 4-byte document header
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
