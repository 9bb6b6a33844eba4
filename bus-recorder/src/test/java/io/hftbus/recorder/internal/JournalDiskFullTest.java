package io.hftbus.recorder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.recorder.JournalReader;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's disk fills up under the writer: the writer stops writing, says why in its status,
 * counts every envelope it could not write as lost, and what reached the disk reads back as a
 * journal with a torn tail at worst.
 */
@Timeout(30)
class JournalDiskFullTest {

    private static final int DISK_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsTheJournalWithAReasonAndCountsEveryUnwrittenEventAsLost() throws Exception {
        Path file = dir.resolve("full.journal");
        FileChannel disk = new ControlledChannel(
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), DISK_BYTES);
        JournalWriter writer = new JournalWriter(file, disk, 1 << 16, io.hftbus.recorder.JournalOverflow.BLOCK, Duration.ofSeconds(10));
        writer.start("disk-full");
        int offered = 20_000;
        for (int i = 0; i < offered; i++) {
            writer.offerEvent(new Envelope<>(i, i, Priority.HIGH,
                    new MarketDataEvent(i, "ES", 6000.0 + i, 1.0, 5999.75, 2.0, 6000.25, 3.0)));
        }
        assertThat(writer.close(Duration.ofSeconds(20))).isTrue();

        JournalStatus status = writer.status();
        assertThat(status.closed()).isTrue();
        assertThat(status.failure()).contains("No space left on device");
        assertThat(status.eventsLost()).as("a 64 KiB disk cannot hold 20,000 events").isPositive();
        assertThat(status.eventsWritten() + status.eventsLost()).isEqualTo(offered);
        assertThat(status.bytesWritten()).isLessThanOrEqualTo(DISK_BYTES);

        try (JournalReader reader = JournalReader.open(file)) {
            long read = 0;
            while (reader.next() != null) {
                read++;
            }
            assertThat(read).as("every event the status calls written reads back").isEqualTo(status.eventsWritten());
        }
    }
}
