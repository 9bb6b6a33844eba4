package io.hftbus.recorder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.recorder.JournalOverflow;
import io.hftbus.recorder.JournalReader;
import io.hftbus.testing.SampleEvents;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lossless journal that falls behind holds its publishers back: until the writer has room, and
 * no longer than its hold timeout, an interrupt or its close; every wait is counted, and every
 * event ends written or counted as lost.
 */
@Timeout(60)
class JournalHoldBackTest {

    private static final int QUEUE = 8;

    @TempDir
    Path dir;

    private ControlledChannel disk;

    private JournalWriter writer(String name, JournalOverflow overflow, Duration holdTimeout) throws Exception {
        Path file = dir.resolve(name);
        disk = new ControlledChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                Long.MAX_VALUE);
        JournalWriter writer = new JournalWriter(file, disk, QUEUE, overflow, holdTimeout);
        writer.start(name);
        return writer;
    }

    private static Envelope<?> envelope(long i) {
        return new Envelope<>(i, i, Priority.HIGH, SampleEvents.esTick(i));
    }

    /** Stalls the disk and fills the queue: the writer holds one event in its write, the queue the next. */
    private void stallAndFill(JournalWriter writer) throws InterruptedException {
        disk.stallWrites();
        writer.offerEvent(envelope(0));
        // The writer takes event 0 and flushes it when the queue runs dry; that write stalls.
        assertThat(disk.awaitStalledWrite(30)).as("the writer reached the stalled disk").isTrue();
        for (int i = 1; i <= QUEUE; i++) {
            writer.offerEvent(envelope(i));
        }
        assertThat(writer.status().publishersHeldBack()).as("the queue had room for all of these").isZero();
    }

    @Test
    void aPublisherHeldBackByADiskThatStallsGoesOnWhenTheDiskDoesAndNothingIsLost() throws Exception {
        JournalWriter writer = writer("stalls.journal", JournalOverflow.BLOCK, Duration.ofSeconds(30));
        stallAndFill(writer);
        Thread publisher = new Thread(() -> writer.offerEvent(envelope(QUEUE + 1)));
        publisher.start();
        awaitHeldBack(writer, 1);
        assertThat(publisher.isAlive()).as("held back while the disk stalls").isTrue();
        disk.releaseWrites();
        publisher.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(publisher.isAlive()).isFalse();
        assertThat(writer.close(Duration.ofSeconds(30))).isTrue();

        JournalStatus status = writer.status();
        assertThat(status.eventsLost()).isZero();
        assertThat(status.eventsWritten()).isEqualTo(QUEUE + 2);
        assertThat(status.publishersHeldBack()).isEqualTo(1);
        assertThat(status.heldBackNanos()).isPositive();
        assertThat(JournalReader.readAll(status.path()).events()).hasSize(QUEUE + 2);
    }

    @Test
    void theHoldIsBoundedByItsTimeoutAndWhatItCouldNotWriteIsCountedAsLost() throws Exception {
        JournalWriter writer = writer("timeout.journal", JournalOverflow.BLOCK, Duration.ofMillis(20));
        stallAndFill(writer);
        writer.offerEvent(envelope(QUEUE + 1)); // returns once the 20 ms are up
        JournalStatus status = writer.status();
        assertThat(status.publishersHeldBack()).isEqualTo(1);
        assertThat(status.heldBackNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(status.eventsLost()).isEqualTo(1);
        disk.releaseWrites();
        assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
        assertThat(writer.status().eventsWritten() + writer.status().eventsLost()).isEqualTo(QUEUE + 2);
    }

    @Test
    void anInterruptEndsTheHoldCountsTheEventAsLostAndStaysSet() throws Exception {
        JournalWriter writer = writer("interrupt.journal", JournalOverflow.BLOCK, Duration.ofSeconds(30));
        stallAndFill(writer);
        Thread.currentThread().interrupt();
        try {
            writer.offerEvent(envelope(QUEUE + 1));
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt status is the caller's").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(writer.status().eventsLost()).isEqualTo(1);
        assertThat(writer.status().publishersHeldBack()).isEqualTo(1);
        disk.releaseWrites();
        assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void closingWhileAPublisherIsHeldBackNeitherDeadlocksNorLosesAnythingSilently() throws Exception {
        JournalWriter writer = writer("close.journal", JournalOverflow.BLOCK, Duration.ofSeconds(30));
        stallAndFill(writer);
        Thread publisher = new Thread(() -> writer.offerEvent(envelope(QUEUE + 1)));
        publisher.start();
        awaitHeldBack(writer, 1);
        // The disk is stuck: close gives up after its timeout instead of hanging, and says so.
        assertThat(writer.close(Duration.ofMillis(50))).isFalse();
        disk.releaseWrites();
        publisher.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(publisher.isAlive()).as("the held publisher was released").isFalse();
        assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
        JournalStatus status = writer.status();
        assertThat(status.eventsWritten() + status.eventsLost()).isEqualTo(QUEUE + 2);
    }

    @Test
    void droppingIsAnExplicitChoiceThatNeverWaitsAndCountsWhatItDrops() throws Exception {
        JournalWriter writer = writer("drop.journal", JournalOverflow.DROP, Duration.ofSeconds(30));
        stallAndFill(writer);
        writer.offerEvent(envelope(QUEUE + 1));
        writer.offerEvent(envelope(QUEUE + 2));
        assertThat(writer.status().eventsLost()).isEqualTo(2);
        assertThat(writer.status().publishersHeldBack()).isZero();
        disk.releaseWrites();
        assertThat(writer.close(Duration.ofSeconds(30))).isTrue();
        assertThat(writer.status().eventsWritten()).isEqualTo(QUEUE + 1);
    }

    private static void awaitHeldBack(JournalWriter writer, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.status().publishersHeldBack() < count) {
            assertThat(System.nanoTime() - deadline).as("a publisher was held back within 30 s").isNegative();
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
