package io.hftbus.recorder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.recorder.JournalReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
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
        FileChannel disk = new FullDiskChannel(
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

    /** A file channel on a disk of {@code capacity} bytes: a write past it fails as a full disk does. */
    private static final class FullDiskChannel extends FileChannel {

        private final FileChannel file;
        private final long capacity;

        FullDiskChannel(FileChannel file, long capacity) {
            this.file = file;
            this.capacity = capacity;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            if (file.position() + source.remaining() > capacity) {
                throw new IOException("No space left on device");
            }
            return file.write(source);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(sources[i]);
            }
            return written;
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            throw new IOException("positional writes are not used by the journal");
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return file.read(destination);
        }

        @Override
        public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
            return file.read(destinations, offset, length);
        }

        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return file.read(destination, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            throw new IOException("transfers are not used by the journal");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new IOException("mapping is not used by the journal");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
