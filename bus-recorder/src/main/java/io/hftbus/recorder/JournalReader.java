package io.hftbus.recorder;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.codec.CodecException;
import io.hftbus.codec.EventCodec;
import io.hftbus.codec.EventDecoder;
import io.hftbus.codec.RecordSchema;
import io.hftbus.codec.WireCodes;
import io.hftbus.recorder.JournalFormatException.Problem;
import io.hftbus.recorder.internal.Format1Schemas;
import io.hftbus.recorder.internal.JournalFormat;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads a journal file record by record, in file order: format 2, which this code writes, and
 * format 1, which the first versions wrote (see {@code docs/journal-format.md}).
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
 * <p><b>Versions.</b> Event bodies are read as the file's schema records say the writer laid them
 * out (format 1, which has none, as its frozen schemas say), so a file keeps its meaning when the
 * records change: a field added since reads as its default, a field removed is skipped.
 *
 * <p><b>Torn tail.</b> A process killed while writing leaves a last record cut short; a power loss
 * leaves a tail of zero bytes that usually begins inside a record. The reader returns every
 * complete record before either, then {@code null}, and reports {@link #tornTail()} and the
 * {@link #endOffset()} where it stopped: the length a recovery would truncate the file to. A
 * record is torn when the file ends inside it, or when it fails its checks and every byte from
 * inside it to the end of the file is zero.
 *
 * <p><b>Damage.</b> Anything else fails with a {@link JournalFormatException} that names the file,
 * the offset, the {@link JournalFormatException.Problem} and what was found: damage followed by
 * more data is never taken for a torn tail. Format 2 guards each record's header with its own
 * CRC32C, so a damaged length is recognised before it sends the reader to a wrong offset; format
 * 1's length has an 8-bit check only. The records returned before an exception are sound. After
 * it the reader returns nothing more.
 *
 * <p>The reader sees the file as long as it was when opened, or when {@link #refresh()} last
 * looked. Not thread-safe: one reader, one thread.
 */
public final class JournalReader implements Closeable {

    private static final int BUFFER_BYTES = 256 * 1024;
    /** The type code of {@link #decodeEvent} that says the bytes begin with the type code. */
    private static final int TYPE_CODE_IN_BYTES = -1;
    private static final EventDecoder FORMAT_1_DECODER = EventCodec.standard().decoder(Format1Schemas.SCHEMAS);

    private final Path file;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final Map<Integer, RecordSchema> schemas = new LinkedHashMap<>();
    private long fileLength;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    /** File offset of buffer index 0, and how many bytes from there the buffer holds. */
    private long bufferStart;
    private int bufferLength;
    private long position;
    private JournalHeader header;
    private EventDecoder decoder;
    private boolean tornTail;
    private boolean ended;
    private boolean failed;

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
     * Reads a whole journal: its events in file order (the order the recorder was told of them),
     * without those the recorded bus refused. Loads them all into memory;
     * {@link Replayer#replay(Path, io.hftbus.api.EventBus, io.hftbus.api.recorder.ReplayOptions)}
     * streams instead.
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
            return new JournalContents(file, events, refusedFound, reader.endOffset(), reader.fileLength(),
                    reader.tornTail());
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The file's length when it was opened, or when {@link #refresh()} last looked. */
    public long fileLength() {
        return fileLength;
    }

    /** What the file header says: the format version and, in format 2, when the file was created. */
    public JournalHeader header() {
        return header;
    }

    /**
     * The schemas of the event types read so far, by type code: how the writer laid out each
     * type's body. Format 2 files carry them before their first event; format 1's are frozen.
     */
    public Map<Integer, RecordSchema> schemas() {
        return Collections.unmodifiableMap(schemas);
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
     * Looks at the file's length again, for following a journal that is being written: a reader
     * that stopped at the end or at a torn tail reads on from {@link #endOffset()} at the next
     * {@link #next()}; a record the writer was still writing then reads whole. After an exception
     * nothing changes.
     *
     * @return whether the file grew since it was last looked at
     * @throws IOException if the file's length cannot be read
     */
    public boolean refresh() throws IOException {
        long length = channel.size();
        boolean grew = length > fileLength;
        if (!failed && length != fileLength) {
            fileLength = length;
            bufferLength = 0; // bytes past the old end may have been read as a torn part: read them again
            if (header == null) {
                readHeader();
            } else {
                ended = false;
                tornTail = false;
            }
        }
        return grew;
    }

    /**
     * The next record, or {@code null} at the end of the file or at a torn tail.
     *
     * @throws JournalFormatException if the record at {@link #endOffset()} is damaged or unknown
     * @throws IOException            if the file cannot be read
     */
    public JournalRecord next() throws IOException {
        while (!ended) {
            long offset = position;
            if (offset == fileLength) {
                return end(false);
            }
            JournalRecord record = header.version() == JournalFormat.VERSION ? next2(offset) : next1(offset);
            if (record != null || ended) {
                return record;
            }
            // a schema record: read on
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        channel.close();
    }

    // ------------------------------------------------------------------------------------------------
    // Headers

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
        if (available < JournalFormat.PREAMBLE_LENGTH) {
            endEmpty();
            return;
        }
        int version = buffer.getInt(Long.BYTES);
        int headerLength;
        if (version == JournalFormat.VERSION) {
            headerLength = JournalFormat.HEADER_LENGTH;
        } else if (version == JournalFormat.VERSION_1) {
            headerLength = JournalFormat.HEADER_LENGTH_1;
        } else {
            throw fail(Long.BYTES, Problem.UNSUPPORTED_VERSION, "version " + version + " (this code reads versions "
                    + JournalFormat.VERSION_1 + " and " + JournalFormat.VERSION + ")", null);
        }
        if (available < headerLength) {
            endEmpty();
            return;
        }
        int checked = headerLength - 4;
        int storedCrc = buffer.getInt(checked);
        int actualCrc = JournalFormat.crc32c(crc, buffer.array(), buffer.arrayOffset(), checked);
        if (storedCrc != actualCrc) {
            throw fail(checked, Problem.CORRUPTED_HEADER, String.format(
                    "header CRC32C is 0x%08x but the header says 0x%08x", actualCrc, storedCrc), null);
        }
        if (version == JournalFormat.VERSION) {
            header = new JournalHeader(version, buffer.getLong(12), buffer.getLong(20));
        } else {
            header = new JournalHeader(version, JournalHeader.UNKNOWN, JournalHeader.UNKNOWN);
            schemas.putAll(Format1Schemas.SCHEMAS);
            decoder = FORMAT_1_DECODER;
        }
        position = headerLength;
    }

    /** The writer died while writing the header: a journal with no record yet. */
    private void endEmpty() {
        position = 0;
        end(true);
    }

    // ------------------------------------------------------------------------------------------------
    // Format 2

    /** The record at {@code offset}; {@code null} for a schema record or at the end. */
    private JournalRecord next2(long offset) throws IOException {
        if (!load(offset, JournalFormat.FRAME_LENGTH)) {
            return end(true);
        }
        int index = index(offset);
        int length = buffer.getInt(index);
        int storedPayloadCrc = buffer.getInt(index + 4);
        int storedHeaderCrc = buffer.getInt(index + 8);
        int actualHeaderCrc = JournalFormat.crc32c(crc, buffer.array(), buffer.arrayOffset() + index, 8);
        if (actualHeaderCrc != storedHeaderCrc) {
            if (zeroTailStartsBefore(offset, offset + JournalFormat.FRAME_LENGTH)) {
                return end(true);
            }
            throw fail(offset, Problem.CORRUPTED_RECORD_HEADER, String.format("record header (length %d, payload"
                    + " CRC32C 0x%08x) has CRC32C 0x%08x but says 0x%08x", length, storedPayloadCrc,
                    actualHeaderCrc, storedHeaderCrc), null);
        }
        if (length < JournalFormat.MIN_PAYLOAD || length > JournalFormat.MAX_PAYLOAD) {
            throw fail(offset, Problem.CORRUPTED_LENGTH, "payload length " + length + " is outside ["
                    + JournalFormat.MIN_PAYLOAD + ", " + JournalFormat.MAX_PAYLOAD + "]", null);
        }
        long payloadOffset = offset + JournalFormat.FRAME_LENGTH;
        JournalRecord record = checkedPayload(offset, payloadOffset, length, storedPayloadCrc);
        if (ended) {
            return null;
        }
        position = payloadOffset + length;
        return record;
    }

    private JournalRecord decode2(long offset, long payloadOffset, int payloadIndex, int length)
            throws JournalFormatException {
        byte kind = buffer.get(payloadIndex);
        if (kind == JournalFormat.KIND_EVENT) {
            if (length < JournalFormat.EVENT_PREFIX + EventCodec.TYPE_CODE_BYTES) {
                throw fail(offset, Problem.MALFORMED_RECORD, "an event record has at least "
                        + (JournalFormat.EVENT_PREFIX + EventCodec.TYPE_CODE_BYTES) + " payload bytes but this one has "
                        + length, null);
            }
            int priorityCode = buffer.get(payloadIndex + 1) & 0xFF;
            Priority priority;
            try {
                priority = WireCodes.priority(priorityCode);
            } catch (IllegalArgumentException e) {
                throw fail(offset, Problem.UNKNOWN_CODE, e.getMessage(), e);
            }
            long sequence = buffer.getLong(payloadIndex + 2);
            long publishNanos = buffer.getLong(payloadIndex + 10);
            int typeCode = Short.toUnsignedInt(buffer.getShort(payloadIndex + JournalFormat.EVENT_PREFIX));
            if (decoder == null) {
                decoder = EventCodec.standard().decoder(schemas);
            }
            if (!decoder.reads(typeCode)) {
                throw unreadableType(offset, typeCode);
            }
            Event event = decodeEvent(offset, payloadOffset, payloadIndex, JournalFormat.EVENT_PREFIX, length,
                    TYPE_CODE_IN_BYTES);
            return published(offset, sequence, publishNanos, priority, event);
        }
        if (kind == JournalFormat.KIND_REFUSED) {
            return refused(offset, payloadIndex, length);
        }
        if (kind == JournalFormat.KIND_SCHEMA) {
            readSchema(offset, payloadOffset, payloadIndex, length);
            return null;
        }
        throw fail(offset, Problem.UNKNOWN_CODE, "record kind " + kind + " is none of event (1), refusal (2) and"
                + " schema (3)", null);
    }

    private void readSchema(long offset, long payloadOffset, int payloadIndex, int length)
            throws JournalFormatException {
        if (length < 3) {
            throw fail(offset, Problem.MALFORMED_RECORD, "a schema record has at least 3 payload bytes but this one"
                    + " has " + length, null);
        }
        int typeCode = Short.toUnsignedInt(buffer.getShort(payloadIndex + 1));
        RecordSchema schema;
        buffer.limit(payloadIndex + length).position(payloadIndex + 3);
        try {
            schema = RecordSchema.read(buffer);
            if (buffer.hasRemaining()) {
                throw fail(offset, Problem.MALFORMED_RECORD, buffer.remaining() + " bytes left over after the schema"
                        + " of type code " + typeCode, null);
            }
        } catch (CodecException e) {
            throw fail(offset, Problem.MALFORMED_RECORD, "the schema of type code " + typeCode + " at file offset "
                    + fileOffset(payloadOffset, payloadIndex, e.offset()) + " is not valid: " + e.problem(), e);
        } finally {
            buffer.limit(bufferLength).position(0);
        }
        RecordSchema known = schemas.putIfAbsent(typeCode, schema);
        if (known == null) {
            decoder = null; // rebuilt with the new schema before the next event
        } else if (!known.equals(schema)) {
            throw fail(offset, Problem.MALFORMED_RECORD, "a second, different schema for type code " + typeCode, null);
        }
    }

    private JournalFormatException unreadableType(long offset, int typeCode) {
        RecordSchema schema = schemas.get(typeCode);
        if (schema == null) {
            return fail(offset, Problem.UNKNOWN_CODE, "event type code " + typeCode + ": no schema record before this"
                    + " one describes it", null);
        }
        EventType type;
        try {
            type = EventType.ofWireCode(typeCode);
        } catch (IllegalArgumentException e) {
            return fail(offset, Problem.UNKNOWN_CODE, "event type code " + typeCode + " (the file calls it "
                    + schema.name() + ") is no event type of this version", e);
        }
        try {
            decoder.decodeBody(typeCode, ByteBuffer.allocate(0));
            throw new AssertionError("a type the decoder does not read decoded");
        } catch (CodecException e) {
            return fail(offset, Problem.INCOMPATIBLE_SCHEMA, "the file's schema of " + type + " does not fit this"
                    + " version's " + type.eventClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Format 1

    private JournalRecord next1(long offset) throws IOException {
        if (!load(offset, JournalFormat.FRAME_LENGTH_1)) {
            return end(true);
        }
        int index = index(offset);
        int lengthWord = buffer.getInt(index);
        int length = JournalFormat.payloadLength1(lengthWord);
        if (length < 0) {
            if (zeroTailStartsBefore(offset, offset + JournalFormat.FRAME_LENGTH_1)) {
                return end(true);
            }
            throw fail(offset, Problem.CORRUPTED_LENGTH, String.format("length word 0x%08x fails its check byte",
                    lengthWord), null);
        }
        if (length < JournalFormat.REFUSED_PAYLOAD) {
            if (zeroTailStartsBefore(offset, offset + JournalFormat.FRAME_LENGTH_1)) {
                return end(true);
            }
            throw fail(offset, Problem.CORRUPTED_LENGTH, "payload length " + length + " is shorter than any record",
                    null);
        }
        int storedCrc = buffer.getInt(index + 4);
        long payloadOffset = offset + JournalFormat.FRAME_LENGTH_1;
        JournalRecord record = checkedPayload(offset, payloadOffset, length, storedCrc);
        if (ended) {
            return null;
        }
        position = payloadOffset + length;
        return record;
    }

    private JournalRecord decode1(long offset, long payloadOffset, int payloadIndex, int length)
            throws JournalFormatException {
        byte kind = buffer.get(payloadIndex);
        if (kind == JournalFormat.KIND_REFUSED) {
            return refused(offset, payloadIndex, length);
        }
        if (kind != JournalFormat.KIND_EVENT) {
            throw fail(offset, Problem.UNKNOWN_CODE, "record kind " + kind + " is neither event (1) nor refusal (2)",
                    null);
        }
        if (length < JournalFormat.EVENT_PREFIX_1) {
            throw fail(offset, Problem.MALFORMED_RECORD, "an event record has at least " + JournalFormat.EVENT_PREFIX_1
                    + " payload bytes but this one has " + length, null);
        }
        long sequence = buffer.getLong(payloadIndex + 1);
        long publishNanos = buffer.getLong(payloadIndex + 9);
        int priorityOrdinal = buffer.get(payloadIndex + 17) & 0xFF;
        int typeOrdinal = buffer.get(payloadIndex + 18) & 0xFF;
        Priority priority;
        try {
            // Format 1 wrote ordinals; they are the permanent codes, CRITICAL 0 to LOW 3.
            priority = WireCodes.priority(priorityOrdinal);
        } catch (IllegalArgumentException e) {
            throw fail(offset, Problem.UNKNOWN_CODE, e.getMessage(), e);
        }
        if (!decoder.reads(typeOrdinal)) {
            throw fail(offset, Problem.UNKNOWN_CODE, "event type ordinal " + typeOrdinal + " is none of format 1's"
                    + " sixteen", null);
        }
        // The body follows the ordinal at once; decode it as a body of that type code.
        Event event = decodeEvent(offset, payloadOffset, payloadIndex, JournalFormat.EVENT_PREFIX_1, length,
                typeOrdinal);
        return published(offset, sequence, publishNanos, priority, event);
    }

    // ------------------------------------------------------------------------------------------------
    // Both formats

    /**
     * Loads and checks the payload of the record at {@code offset} and decodes it; ends the reader
     * at a torn tail (returning {@code null} with {@link #ended} set).
     */
    private JournalRecord checkedPayload(long offset, long payloadOffset, int length, int storedCrc)
            throws IOException {
        if (!load(payloadOffset, length)) {
            return end(true); // the file ends inside the payload
        }
        int payloadIndex = index(payloadOffset);
        int actualCrc = JournalFormat.crc32c(crc, buffer.array(), buffer.arrayOffset() + payloadIndex, length);
        if (actualCrc != storedCrc) {
            if (zeroTailStartsBefore(offset, payloadOffset + length)) {
                return end(true);
            }
            throw fail(offset, Problem.BAD_CHECKSUM, String.format(
                    "payload of %d bytes has CRC32C 0x%08x but its record header says 0x%08x", length, actualCrc,
                    storedCrc), null);
        }
        return header.version() == JournalFormat.VERSION ? decode2(offset, payloadOffset, payloadIndex, length)
                : decode1(offset, payloadOffset, payloadIndex, length);
    }

    /**
     * Decodes the event that starts {@code prefix} bytes into the payload: its type code and body
     * (format 2, {@code typeCode} {@link #TYPE_CODE_IN_BYTES}), or the body of {@code typeCode}
     * (format 1, whose prefix held the type).
     */
    private Event decodeEvent(long offset, long payloadOffset, int payloadIndex, int prefix, int length,
                              int typeCode) throws JournalFormatException {
        buffer.limit(payloadIndex + length).position(payloadIndex + prefix);
        try {
            Event event = typeCode == TYPE_CODE_IN_BYTES ? decoder.decode(buffer)
                    : decoder.decodeBody(typeCode, buffer);
            requireConsumed(offset, event.type().wireCode());
            return event;
        } catch (CodecException e) {
            throw malformed(offset, payloadOffset, payloadIndex, e);
        } finally {
            buffer.limit(bufferLength).position(0);
        }
    }

    private void requireConsumed(long offset, int typeCode) throws JournalFormatException {
        if (buffer.hasRemaining()) {
            throw fail(offset, Problem.MALFORMED_RECORD, buffer.remaining() + " bytes left over after the event of"
                    + " type code " + typeCode, null);
        }
    }

    private JournalFormatException malformed(long offset, long payloadOffset, int payloadIndex, CodecException e) {
        String where = e.offset() == CodecException.NO_OFFSET ? ""
                : " (at file offset " + fileOffset(payloadOffset, payloadIndex, e.offset()) + ")";
        return fail(offset, Problem.MALFORMED_RECORD, e.getMessage() + where, e);
    }

    private static long fileOffset(long payloadOffset, int payloadIndex, int bufferIndex) {
        return payloadOffset + (bufferIndex - payloadIndex);
    }

    private JournalRecord published(long offset, long sequence, long publishNanos, Priority priority, Event event)
            throws JournalFormatException {
        try {
            return new JournalRecord.Published(offset, new Envelope<>(sequence, publishNanos, priority, event));
        } catch (IllegalArgumentException e) {
            throw fail(offset, Problem.MALFORMED_RECORD, e.getMessage(), e);
        }
    }

    private JournalRecord refused(long offset, int payloadIndex, int length) throws JournalFormatException {
        if (length != JournalFormat.REFUSED_PAYLOAD) {
            throw fail(offset, Problem.MALFORMED_RECORD, "a refusal record has " + JournalFormat.REFUSED_PAYLOAD
                    + " payload bytes but this one has " + length, null);
        }
        try {
            return new JournalRecord.Refused(offset, buffer.getLong(payloadIndex + 1));
        } catch (IllegalArgumentException e) {
            throw fail(offset, Problem.MALFORMED_RECORD, e.getMessage(), e);
        }
    }

    private JournalRecord end(boolean torn) {
        ended = true;
        tornTail = torn;
        return null;
    }

    private JournalFormatException fail(long offset, Problem problem, String detail, Throwable cause) {
        ended = true;
        failed = true;
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
                break; // the file shrank since it was looked at
            }
        }
        bufferStart = offset;
        bufferLength = buffer.position();
        buffer.limit(bufferLength).position(0);
        return bufferLength >= length;
    }

    /**
     * Whether the file, from {@code recordOffset} on, ends in a run of zero bytes that begins before
     * {@code limit}: the tail a power loss leaves inside the record at {@code recordOffset}. Scans
     * back from the end of the file to the last non-zero byte.
     */
    private boolean zeroTailStartsBefore(long recordOffset, long limit) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long end = fileLength;
        while (end > recordOffset) {
            long start = Math.max(recordOffset, end - chunk.capacity());
            chunk.clear().limit((int) (end - start));
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, start + chunk.position()) < 0) {
                    return false; // the file shrank: not a tail this reader can judge
                }
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) != 0) {
                    return start + i + 1 < limit; // the zeros begin just after the last non-zero byte
                }
            }
            end = start;
        }
        return true; // zeros from the record's start
    }
}
