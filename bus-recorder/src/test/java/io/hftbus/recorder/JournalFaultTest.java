package io.hftbus.recorder;

import io.hftbus.testing.SampleEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.api.recorder.ReplayOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around the journal: its file deleted under the writer, and bad journals given to the
 * reader and to replay (empty, truncated, corrupted, from a future version). Each has a clear
 * outcome, and the bus that records or replays goes on working.
 */
@Timeout(30)
class JournalFaultTest {

    @TempDir
    Path dir;

    private static EventBus bus(String name, BusRecorder recorder) {
        return EventBus.builder().name(name).observer(recorder).build();
    }

    private static void publishAndTake(EventBus bus, EventStream<MarketDataEvent> stream, int from, int count)
            throws InterruptedException {
        for (int i = from; i < from + count; i++) {
            bus.publish(SampleEvents.esTick(i));
            assertThat(stream.poll(10, TimeUnit.SECONDS)).as("event %d delivered", i).isNotNull();
        }
    }

    @Test
    void journalFileDeletedUnderTheWriterDoesNotDisturbTheBusAndEveryRecordedEventIsAccountedFor() throws Exception {
        Path file = dir.resolve("deleted.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(16).withJournal(file));
        EventBus bus = bus("journal-deleted", recorder);
        EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class, 64);
        publishAndTake(bus, stream, 0, 100);

        Files.delete(file);
        publishAndTake(bus, stream, 100, 100);
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        // The writer keeps its open file: on POSIX systems the data goes to the unlinked file and
        // is gone with it; writing reports no error. The bus delivered everything either way.
        JournalStatus status = recorder.journal().orElseThrow();
        assertThat(status.closed()).isTrue();
        assertThat(status.eventsWritten() + status.eventsLost()).isEqualTo(recorder.recordedCount()).isEqualTo(200);
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void journalThatAlreadyExistsIsRefusedNamingTheFileAndNothingIsOverwritten() throws Exception {
        Path file = dir.resolve("existing.journal");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> BusRecorder.create(RecorderConfig.withRecording(16).withJournal(file)))
                .hasMessageContaining(file.toString());
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void badJournalsAreRefusedWithTheirProblemAndOffsetAndTheBusStillReplaysAGoodOne() throws Exception {
        Path good = dir.resolve("good.journal");
        Journals.write(good, Journals.envelopes(SampleEvents.oneOfEach())).close();
        byte[] bytes = Files.readAllBytes(good);

        Path empty = Files.write(dir.resolve("empty.journal"), new byte[0]);
        Path truncatedHeader = Files.write(dir.resolve("truncated-header.journal"), java.util.Arrays.copyOf(bytes, 7));
        Path notAJournal = Files.write(dir.resolve("text.journal"), "not a journal at all".getBytes());
        byte[] future = bytes.clone();
        ByteBuffer header = ByteBuffer.wrap(future);
        header.putInt(8, 3);
        CRC32C crc = new CRC32C();
        crc.update(future, 0, 28);
        header.putInt(28, (int) crc.getValue());
        Path futureVersion = Files.write(dir.resolve("future.journal"), future);
        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x40;
        Path corrupted = Files.write(dir.resolve("corrupted.journal"), flipped);

        try (EventBus bus = EventBus.builder().name("replay-target").build()) {
            EventStream<MarketDataEvent> stream = bus.stream(MarketDataEvent.class, 64);
            for (Path bad : new Path[] { notAJournal, futureVersion, corrupted}) {
                Throwable thrown = null;
                try {
                    Replayer.replay(bad, bus, ReplayOptions.asFastAsPossible());
                } catch (Throwable t) {
                    thrown = t;
                }
                assertThat(thrown).as("replaying %s", bad.getFileName()).isInstanceOf(IOException.class)
                        .hasMessageContaining(bad.getFileName().toString());
            }
            // An empty file, or one cut inside its header, is what a writer leaves if it dies before
            // its header is complete: read as an empty journal, not an error.
            assertThat(JournalReader.readAll(empty).events()).isEmpty();
            assertThat(JournalReader.readAll(truncatedHeader).events()).isEmpty();
            assertThatThrownBy(() -> JournalReader.open(futureVersion))
                    .isInstanceOfSatisfying(JournalFormatException.class,
                            e -> assertThat(e.problem()).isEqualTo(JournalFormatException.Problem.UNSUPPORTED_VERSION));
            assertThatThrownBy(() -> JournalReader.open(notAJournal))
                    .isInstanceOfSatisfying(JournalFormatException.class,
                            e -> assertThat(e.problem()).isEqualTo(JournalFormatException.Problem.NOT_A_JOURNAL));
            assertThatThrownBy(() -> JournalReader.readAll(corrupted)).isInstanceOf(JournalFormatException.class);

            // A journal cut in the middle of a record is a torn tail: read up to it, not an error.
            Path truncated = Files.write(dir.resolve("truncated.journal"), java.util.Arrays.copyOf(bytes, bytes.length - 3));
            JournalContents contents = JournalReader.readAll(truncated);
            assertThat(contents.tornTail()).isTrue();
            assertThat(contents.events()).hasSize(SampleEvents.oneOfEach().size() - 1);

            // The bus that was handed the bad journals replays a good one in full.
            Replayer.replay(good, bus, ReplayOptions.asFastAsPossible());
            assertThat(stream.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }
}
