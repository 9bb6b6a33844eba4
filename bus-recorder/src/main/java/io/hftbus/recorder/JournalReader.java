package io.hftbus.recorder;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.recorder.JournalFormatException.Problem;
import io.hftbus.recorder.internal.EventCodec;
import io.hftbus.recorder.internal.JournalFormat;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads a journal file record by record, in file order.
 *
 * <pre>{@code
 * try (JournalReader reader = JournalReader.open(path)) {
 *     for (JournalRecord record; (record = reader.next()) != null; ) {
 *         ...
 *     }
 *     if (reader.tornTail()) {
 *         log.warn("{} ends in a torn record at offset {}", path, reader.endOffset());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Torn tail.</b> A process killed while writing leaves a last record cut short (or, after a
 * power loss, a tail of zero bytes). The reader returns every complete record before it, then
 * {@code null}, and reports {@link #tornTail()} and the {@link #endOffset()} where it stopped: the
 * length a recovery would truncate the file to.
 *
 * <p><b>Damage.</b> Anything else fails with a {@link JournalFormatException} that names the file,
 * the offset and the {@link JournalFormatException.Problem}: a file that is no journal, an
 * unsupported version, a damaged header, a damaged length, a payload that does not match its
 * CRC32C, or a payload that passes its checksum but is no valid record. The records returned
 * before it are sound. After an exception the reader returns nothing more.
 *
 * <p>The reader sees the file as long as it was when opened. Not thread-safe: one reader, one thread.
 */
public final class JournalReader implements Closeable {

    private static final int BUFFER_BYTES = 256 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long fileLength;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    /** File offset of buffer index 0, and how many bytes from there the buffer holds. */
    private long bufferStart;
    private int bufferLength;
    private long position;
    private boolean tornTail;
    private boolean ended;

    private JournalReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fileLength = channel.size();
    }

    /**
     * Opens a journal and checks its header.
     *
     * @throws JournalFormatException if the file is no journal, of an unsupported version, or its
     *                                header is damaged
     * @throws IOException            if the file cannot be read
     */
    public static JournalReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            JournalReader reader = new JournalReader(file, channel);
            reader.readHeader();
            return reader;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Reads a whole journal: its events in sequence order, without those the recorded bus refused.
     * Loads them all into memory; {@link Replayer#replay(Path, io.hftbus.api.EventBus,
     * io.hftbus.api.recorder.ReplayOptions)} streams instead.
     *
     * @throws JournalFormatException if the file is damaged (a torn tail is not damage)
     * @throws IOException            if the file cannot be read
     */
    public static JournalContents readAll(Path file) throws IOException {
        List<Envelope<?>> published = new ArrayList<>();
        Set<Long> refused = new HashSet<>();
        try (JournalReader reader = open(file)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Published) {
                    published.add(((JournalRecord.Published) record).envelope());
                } else {
                    refused.add(record.sequence());
                }
            }
            List<Envelope<?>> events = new ArrayList<>(published.size());
            long refusedFound = 0;
            for (Envelope<?> envelope : published) {
                if (refused.contains(envelope.sequence())) {
                    refusedFound++;
                } else {
                    events.add(envelope);
                }
            }
            events.sort(Comparator.comparingLong(Envelope::sequence));
            return new JournalContents(file, events, refusedFound, reader.endOffset(), reader.fileLength(),
                    reader.tornTail());
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The file's length when it was opened. */
    public long fileLength() {
        return fileLength;
    }

    /**
     * The offset just after the last complete record read so far; once {@link #next()} returned
     * {@code null}, where reading stopped.
     */
    public long endOffset() {
        return position;
    }

    /** Whether the file ends in an incomplete record (valid once {@link #next()} returned {@code null}). */
    public boolean tornTail() {
        return tornTail;
    }

    /**
     * The next record, or {@code null} at the end of the file or at a torn tail.
     *
     * @throws JournalFormatException if the record at {@link #endOffset()} is damaged
     * @throws IOException            if the file cannot be read
     */
    public JournalRecord next() throws IOException {
        if (ended) {
            return null;
        }
        long offset = position;
        if (offset == fileLength) {
            return end(false);
        }
        if (!load(offset, JournalFormat.FRAME_LENGTH)) {
            return end(true);
        }
        int index = index(offset);
        int lengthWord = buffer.getInt(index);
        int length = JournalFormat.payloadLength(lengthWord);
        if (length < 0) {
            if (zeroFrom(offset)) {
                return end(true);
            }
            throw fail(offset, Problem.CORRUPTED_LENGTH, String.format("length word 0x%08x fails its check byte",
                    lengthWord), null);
        }
        if (length < JournalFormat.REFUSED_PAYLOAD) {
            throw fail(offset, Problem.CORRUPTED_LENGTH, "payload length " + length + " is shorter than any record",
                    null);
        }
        int storedCrc = buffer.getInt(index + 4);
        long payloadOffset = offset + JournalFormat.FRAME_LENGTH;
        if (!load(payloadOffset, length)) {
            return end(true);
        }
        int payloadIndex = index(payloadOffset);
        int actualCrc = JournalFormat.crc32c(crc, buffer.array(), buffer.arrayOffset() + payloadIndex, length);
        if (actualCrc != storedCrc) {
            if (zeroFrom(payloadOffset)) {
                return end(true);
            }
            throw fail(offset, Problem.BAD_CHECKSUM, String.format(
                    "payload of %d bytes has CRC32C 0x%08x but its frame says 0x%08x", length, actualCrc, storedCrc),
                    null);
        }
        JournalRecord record = decode(offset, payloadIndex, length);
        position = payloadOffset + length;
        return record;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        channel.close();
    }

    // ------------------------------------------------------------------------------------------------

    private void readHeader() throws IOException {
        int available = (int) Math.min(JournalFormat.HEADER_LENGTH, fileLength);
        load(0, available);
        int magicBytes = Math.min(available, Long.BYTES);
        for (int i = 0; i < magicBytes; i++) {
            byte expected = (byte) (JournalFormat.MAGIC >>> (8 * (Long.BYTES - 1 - i)));
            if (buffer.get(i) != expected) {
                throw fail(0, Problem.NOT_A_JOURNAL, "the file does not start with the magic bytes HFTBJRNL", null);
            }
        }
        if (available < JournalFormat.HEADER_LENGTH) {
            // The writer died while writing the header: a journal with no record yet.
            position = 0;
            end(true);
            return;
        }
        int version = buffer.getInt(Long.BYTES);
        if (version != JournalFormat.VERSION) {
            throw fail(Long.BYTES, Problem.UNSUPPORTED_VERSION, "version " + version + " (this code reads version "
                    + JournalFormat.VERSION + ")", null);
        }
        int storedCrc = buffer.getInt(12);
        int actualCrc = JournalFormat.crc32c(crc, buffer.array(), buffer.arrayOffset(), 12);
        if (storedCrc != actualCrc) {
            throw fail(12, Problem.CORRUPTED_HEADER, String.format("header CRC32C is 0x%08x but the header says 0x%08x",
                    actualCrc, storedCrc), null);
        }
        position = JournalFormat.HEADER_LENGTH;
    }

    private JournalRecord decode(long offset, int payloadIndex, int length) throws JournalFormatException {
        byte kind = buffer.get(payloadIndex);
        try {
            if (kind == JournalFormat.KIND_REFUSED) {
                if (length != JournalFormat.REFUSED_PAYLOAD) {
                    throw new IllegalArgumentException("a refusal record has " + JournalFormat.REFUSED_PAYLOAD
                            + " payload bytes but this one has " + length);
                }
                return new JournalRecord.Refused(offset, buffer.getLong(payloadIndex + 1));
            }
            if (kind != JournalFormat.KIND_EVENT) {
                throw new IllegalArgumentException("unknown record kind " + kind);
            }
            if (length < JournalFormat.EVENT_PREFIX) {
                throw new IllegalArgumentException("an event record has at least " + JournalFormat.EVENT_PREFIX
                        + " payload bytes but this one has " + length);
            }
            long sequence = buffer.getLong(payloadIndex + 1);
            long publishNanos = buffer.getLong(payloadIndex + 9);
            Priority priority = Priority.ofOrdinal(buffer.get(payloadIndex + 17) & 0xFF);
            EventType type = EventType.ofOrdinal(buffer.get(payloadIndex + 18) & 0xFF);
            buffer.limit(payloadIndex + length).position(payloadIndex + JournalFormat.EVENT_PREFIX);
            Event event;
            try {
                event = EventCodec.decode(type, buffer);
            } finally {
                buffer.limit(bufferLength).position(0);
            }
            return new JournalRecord.Published(offset, new Envelope<>(sequence, publishNanos, priority, event));
        } catch (RuntimeException e) {
            // Record constructors, enum lookups and buffer reads report malformed bytes this way.
            throw fail(offset, Problem.MALFORMED_RECORD, String.valueOf(e.getMessage()), e);
        }
    }

    private JournalRecord end(boolean torn) {
        ended = true;
        tornTail = torn;
        return null;
    }

    private JournalFormatException fail(long offset, Problem problem, String detail, Throwable cause) {
        ended = true;
        return new JournalFormatException(file, offset, problem, detail, cause);
    }

    private int index(long offset) {
        return (int) (offset - bufferStart);
    }

    /** Makes {@code [offset, offset + length)} readable in the buffer; false if the file ends before. */
    private boolean load(long offset, int length) throws IOException {
        if (offset + length > fileLength) {
            return false;
        }
        if (offset >= bufferStart && offset + length <= bufferStart + bufferLength) {
            return true;
        }
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(Math.max(length, 2 * buffer.capacity()));
        }
        int want = (int) Math.min(buffer.capacity(), fileLength - offset);
        buffer.clear().limit(want);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break; // the file shrank since it was opened
            }
        }
        bufferStart = offset;
        bufferLength = buffer.position();
        buffer.limit(bufferLength).position(0);
        return bufferLength >= length;
    }

    /** Whether every byte from {@code offset} to the end of the file is zero: the tail a power loss leaves. */
    private boolean zeroFrom(long offset) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long at = offset;
        while (at < fileLength) {
            chunk.clear();
            int read = channel.read(chunk, at);
            if (read < 0) {
                return true;
            }
            for (int i = 0; i < read; i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            at += read;
        }
        return true;
    }
}
