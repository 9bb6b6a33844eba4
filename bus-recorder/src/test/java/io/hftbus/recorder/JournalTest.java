package io.hftbus.recorder;

import io.hftbus.testing.SampleEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.recorder.JournalFormatException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void everyEventTypeRoundTripsThroughTheFileWithEdgeValues() throws IOException {
        List<Event> events = new ArrayList<>(SampleEvents.oneOfEach());
        events.addAll(SampleEvents.edgeCases());
        List<Envelope<?>> envelopes = Journals.envelopes(events);
        Path file = dir.resolve("all-types.journal");
        Journals.write(file, envelopes);

        JournalContents contents = JournalReader.readAll(file);
        assertThat(contents.events()).containsExactlyElementsOf(envelopes);
        assertThat(contents.tornTail()).isFalse();
        assertThat(contents.endOffset()).isEqualTo(contents.fileLength()).isEqualTo(Files.size(file));
    }

    @Test
    void theJournalOfALiveBusHoldsWhatTheRingHolds() throws IOException {
        Path file = dir.resolve("live.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.defaults().withJournal(file));
        try (EventBus bus = EventBus.builder().name("live").observer(recorder)
                .backpressure(BackpressurePolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build()) {
            List<Event> kinds = SampleEvents.oneOfEach();
            for (int i = 0; i < 5_000; i++) {
                Event event = kinds.get(i % kinds.size());
                if (i % 3 == 0) {
                    bus.publish(event, Priority.LOW);
                } else {
                    bus.publish(event);
                }
            }
        }
        JournalStatus status = recorder.journal().orElseThrow();
        assertThat(status.closed()).isTrue();
        assertThat(status.failed()).isFalse();
        assertThat(status.eventsWritten()).isEqualTo(5_000);
        assertThat(status.lostAny()).isFalse();
        assertThat(status.bytesWritten()).isEqualTo(Files.size(file));
        assertThat(JournalReader.readAll(file).events()).containsExactlyElementsOf(recorder.events());
    }

    @Test
    void refusalsAreWrittenAndTheReaderLeavesTheRefusedEventsOut() throws Exception {
        Path file = dir.resolve("refusals.journal");
        BusRecorder recorder = Journals.recordThreeRefusals(file); // ticks 3, 4, 5 refused
        List<Long> refusedRecords = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Refused) {
                    refusedRecords.add(record.sequence());
                }
            }
        }
        assertThat(refusedRecords).containsExactlyInAnyOrder(3L, 4L, 5L);
        JournalContents contents = JournalReader.readAll(file);
        assertThat(contents.refused()).isEqualTo(3);
        assertThat(BusRecorderTest.sequences(contents.events())).containsExactly(0L, 1L, 2L);
        assertThat(recorder.journal().orElseThrow().refusalsWritten()).isEqualTo(3);
    }

    @Test
    void aJournalTruncatedAtEveryOffsetOfItsLastRecordReadsBackEveryEarlierRecord() throws IOException {
        List<Envelope<?>> envelopes = Journals.envelopes(SampleEvents.oneOfEach());
        Path file = dir.resolve("whole.journal");
        Journals.write(file, envelopes);
        byte[] whole = Files.readAllBytes(file);
        long lastRecordOffset = offsets(file).get(envelopes.size() - 1);
        assertThat(lastRecordOffset).isLessThan(whole.length);

        Path cut = dir.resolve("cut.journal");
        for (int length = (int) lastRecordOffset; length < whole.length; length++) {
            Files.write(cut, Arrays.copyOf(whole, length));
            JournalContents contents = JournalReader.readAll(cut);
            assertThat(contents.events()).as("cut at %d", length)
                    .containsExactlyElementsOf(envelopes.subList(0, envelopes.size() - 1));
            assertThat(contents.tornTail()).as("torn at %d", length).isEqualTo(length > lastRecordOffset);
            assertThat(contents.endOffset()).isEqualTo(lastRecordOffset);
        }
    }

    @Test
    void aJournalCutInsideItsHeaderIsAnEmptyTornJournal() throws IOException {
        Path file = dir.resolve("whole.journal");
        Journals.write(file, Journals.envelopes(List.of(SampleEvents.esTick(1))));
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.journal");
        for (int length = 0; length < 16; length++) {
            Files.write(cut, Arrays.copyOf(whole, length));
            JournalContents contents = JournalReader.readAll(cut);
            assertThat(contents.events()).isEmpty();
            assertThat(contents.tornTail()).isTrue();
            assertThat(contents.endOffset()).isZero();
        }
    }

    @Test
    void aTailOfZeroBytesLeftByAPowerLossIsATornTail() throws IOException {
        List<Envelope<?>> envelopes = Journals.envelopes(SampleEvents.oneOfEach());
        Path file = dir.resolve("zeros.journal");
        Journals.write(file, envelopes);
        long end = Files.size(file);
        Files.write(file, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        JournalContents contents = JournalReader.readAll(file);
        assertThat(contents.events()).containsExactlyElementsOf(envelopes);
        assertThat(contents.tornTail()).isTrue();
        assertThat(contents.endOffset()).isEqualTo(end);
    }

    @Test
    void aFileThatIsNoJournalFailsNamingTheFileAndOffset() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the bytes you are looking for");
        assertThatThrownBy(() -> JournalReader.readAll(file))
                .isInstanceOfSatisfying(JournalFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.NOT_A_JOURNAL);
                    assertThat(e.offset()).isZero();
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessageContaining(file.toString()).hasMessageContaining("at offset 0");
    }

    @Test
    void anUnknownVersionFailsNamingIt() throws IOException {
        Path file = dir.resolve("future.journal");
        ByteBuffer header = ByteBuffer.allocate(16);
        header.putLong(0x4846_5442_4A52_4E4CL).putInt(3);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 12);
        header.putInt((int) crc.getValue());
        Files.write(file, header.array());
        assertThatThrownBy(() -> JournalReader.readAll(file))
                .isInstanceOfSatisfying(JournalFormatException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION))
                .hasMessageContaining(file.toString()).hasMessageContaining("at offset 8")
                .hasMessageContaining("version 3");
    }

    @Test
    void aDamagedPayloadFailsWithBadChecksumAtItsRecordsOffset() throws IOException {
        List<Envelope<?>> envelopes = Journals.envelopes(SampleEvents.oneOfEach());
        Path file = dir.resolve("damaged.journal");
        Journals.write(file, envelopes);
        long third = offsets(file).get(2);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) third + 20] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> JournalReader.readAll(file))
                .isInstanceOfSatisfying(JournalFormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.BAD_CHECKSUM);
                    assertThat(e.offset()).isEqualTo(third);
                })
                .hasMessageContaining("at offset " + third);
    }

    @Test
    void randomByteFlipsNeverProduceAnythingButTheDocumentedException() throws IOException {
        List<Envelope<?>> envelopes = Journals.envelopes(SampleEvents.oneOfEach());
        Path original = dir.resolve("original.journal");
        Journals.write(original, envelopes);
        byte[] whole = Files.readAllBytes(original);
        Random random = new Random(0x5EEDL);
        Path file = dir.resolve("flipped.journal");
        int damaged = 0;
        for (int round = 0; round < 1_000; round++) {
            byte[] bytes = whole.clone();
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
            if (round % 5 == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // and torn, too
            }
            Files.write(file, bytes);
            try {
                JournalContents contents = JournalReader.readAll(file);
                // Undetected only if the damage fell beyond a cut, or a torn tail hides it: what
                // was read must then be sound and a prefix of what was written.
                assertThat(contents.events()).as("round %d", round)
                        .isEqualTo(envelopes.subList(0, Math.min(envelopes.size(), contents.events().size())));
                if (contents.events().size() < envelopes.size()) {
                    assertThat(contents.tornTail()).as("round %d", round).isTrue();
                }
            } catch (JournalFormatException e) {
                damaged++;
                assertThat(e.getMessage()).contains(file.toString()).contains("at offset " + e.offset());
                assertThat(e.offset()).isBetween(0L, (long) bytes.length);
            } catch (Throwable unexpected) {
                fail("round " + round + " failed with an undocumented " + unexpected, unexpected);
            }
        }
        assertThat(damaged).isGreaterThan(600);
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("exists.journal");
        Files.writeString(file, "precious");
        assertThatThrownBy(() -> BusRecorder.create(RecorderConfig.defaults().withJournal(file)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void whatTheQueueCannotTakeIsCountedAsLostNeverSilentlyDropped() throws IOException {
        Path file = dir.resolve("small-queue.journal");
        BusRecorder recorder = BusRecorder.create(
                RecorderConfig.withRecording(64).withJournal(file).withJournalQueueCapacity(4));
        // Not attached to a bus: no writer thread drains the queue until close.
        List<Envelope<?>> envelopes = Journals.envelopes(java.util.Collections.nCopies(10, SampleEvents.esTick(1)));
        for (Envelope<?> envelope : envelopes) {
            recorder.onPublished(envelope);
        }
        assertThat(recorder.journal().orElseThrow().eventsLost()).isEqualTo(6);
        recorder.close();
        JournalStatus status = recorder.journal().orElseThrow();
        assertThat(status.eventsWritten()).isEqualTo(4);
        assertThat(status.eventsWritten() + status.eventsLost()).isEqualTo(recorder.recordedCount());
        assertThat(JournalReader.readAll(file).events()).containsExactlyElementsOf(envelopes.subList(0, 4));
    }

    @Test
    void aFloodOfRefusalsIsHeldBackLikeEventsAndNoneIsLost() throws Exception {
        // A market-data lane that drops under load refuses many events: each refusal is a record the
        // replay needs, or it would publish an event the recorded bus refused.
        Path file = dir.resolve("refusals.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.defaults().withJournal(file).withJournalQueueCapacity(16));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        int burst = 5_000;
        long accepted = 0;
        try (EventBus bus = EventBus.builder().name("refusals").observer(recorder)
                .laneCapacity(io.hftbus.api.Priority.HIGH, 4)
                .backpressure(io.hftbus.api.Priority.HIGH, io.hftbus.api.BackpressurePolicy.DROP_NEWEST).build()) {
            bus.subscribe(io.hftbus.api.event.MarketDataEvent.class, e -> release.await());
            for (int i = 0; i < burst; i++) {
                if (bus.publish(SampleEvents.esTick(i)) != EventBus.NOT_ACCEPTED) {
                    accepted++;
                }
            }
            release.countDown();
        }
        JournalStatus status = recorder.journal().orElseThrow();
        assertThat(status.refusalsLost()).as("%s", status).isZero();
        assertThat(status.eventsLost()).isZero();
        assertThat(accepted).isLessThan(burst);
        assertThat(JournalReader.readAll(file).events()).hasSize((int) accepted);
    }

    @Test
    void aBurstWithTheDefaultSettingsLosesNoJournalRecord() throws IOException {
        Path file = dir.resolve("burst.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.defaults().withJournal(file));
        int burst = 100_000;
        try (EventBus bus = EventBus.builder().name("burst").observer(recorder).build()) {
            for (int i = 0; i < burst; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
        }
        JournalStatus status = recorder.journal().orElseThrow();
        assertThat(status.eventsLost()).as("lossless by default: %s", status).isZero();
        assertThat(status.refusalsLost()).isZero();
        assertThat(status.eventsWritten()).isEqualTo(burst);
        long published = 0;
        try (JournalReader reader = JournalReader.open(file)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Published) {
                    published++;
                }
            }
        }
        assertThat(published).isEqualTo(burst);
    }

    @Test
    void aSmallQueueHoldsThePublishersBackAndLosesNothing() throws IOException {
        Path file = dir.resolve("small-queue-lossless.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(16).withJournal(file)
                .withJournalQueueCapacity(16));
        try (EventBus bus = EventBus.builder().name("held").observer(recorder)
                .backpressure(BackpressurePolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build()) {
            for (int i = 0; i < 20_000; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
        }
        JournalStatus status = recorder.journal().orElseThrow();
        assertThat(status.eventsLost()).isZero();
        assertThat(status.eventsWritten()).isEqualTo(20_000);
        assertThat(status.publishersHeldBack()).as("a 16-slot queue cannot take 20,000 at once").isPositive();
        assertThat(JournalReader.readAll(file).events()).hasSize(20_000);
    }

    @Test
    void aBusThatDoesNotStampIsRecordedFaithfullyAndReplaysOnlyAsFastAsPossible() throws Exception {
        Path file = dir.resolve("unstamped.journal");
        List<Envelope<?>> unstamped = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // As a bus built with stampPublishTime(false) announces them.
            unstamped.add(new Envelope<>(i, Envelope.NOT_STAMPED, Priority.HIGH, SampleEvents.esTick(i)));
        }
        BusRecorder recorder = Journals.write(file, unstamped);
        JournalContents contents = JournalReader.readAll(file);
        assertThat(contents.events()).hasSize(10)
                .allSatisfy(e -> assertThat(e.publishNanos()).isEqualTo(Envelope.NOT_STAMPED));
        try (EventBus target = EventBus.builder().name("target").backpressure(BackpressurePolicy.BLOCK).build()) {
            assertThatThrownBy(() -> Replayer.replay(file, target, io.hftbus.api.recorder.ReplayOptions.atRecordedPace()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("does not stamp publish times").hasMessageContaining("asFastAsPossible");
            assertThatThrownBy(() -> recorder.replay(target, io.hftbus.api.recorder.ReplayOptions.atRecordedPace(2.0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOT_STAMPED");
            assertThat(Replayer.replay(file, target, io.hftbus.api.recorder.ReplayOptions.asFastAsPossible())
                    .published()).isEqualTo(10);
        }
    }

    @Test
    void theJournalOfABusThatDoesNotStampKeepsNotStampedAsItsPublishTime() throws IOException {
        Path file = dir.resolve("unstamped-bus.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.defaults().withJournal(file));
        try (EventBus bus = EventBus.builder().name("unstamped").stampPublishTime(false).observer(recorder).build()) {
            for (int i = 0; i < 10; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
        }
        assertThat(JournalReader.readAll(file).events()).hasSize(10)
                .allSatisfy(e -> assertThat(e.publishNanos()).isEqualTo(Envelope.NOT_STAMPED));
    }

    /** The offset of every record of a journal, in file order. */
    private static List<Long> offsets(Path file) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                offsets.add(record.offset());
            }
        }
        return offsets;
    }
}
