package io.hftbus.recorder.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.EventType;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.codec.CodecException;
import io.hftbus.codec.EventCodec;
import io.hftbus.codec.RecordSchema;
import io.hftbus.codec.WireCodes;
import io.hftbus.recorder.JournalOverflow;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends recorded envelopes and refusals to a journal file (format 2, see {@link JournalFormat}),
 * on its own thread.
 *
 * <p><b>Publisher side.</b> {@link #offerEvent} and {@link #offerRefusal} put the envelope
 * reference on a bounded JCTools MPSC queue: one CAS, no allocation, no lock. When the queue is
 * full, {@link JournalOverflow#BLOCK} holds the publisher back until the writer has made room
 * (spinning briefly, then yielding, then parking with a growing back-off), bounded by the hold
 * timeout, ended by an interrupt or by the journal closing or failing; {@link JournalOverflow#DROP}
 * counts the event as lost at once. Refusals have their own queue so that a flood of events
 * cannot crowd them out, and are held back the same way: a lost refusal would make a replay
 * publish an event the recorded bus refused (a lane that drops market data under load refuses
 * many). A close's own drops, reported on the closing thread, wait only while the writer runs.
 *
 * <p><b>Writer thread.</b> Drains both queues, encodes each record into a heap buffer, and hands
 * the buffer to the file when it is full or when the queues run dry, so that a killed process
 * loses at most what was still queued or buffered, and a torn last record at worst. When idle it
 * parks with a growing back-off (up to one millisecond), and a publisher that finds the queue full
 * wakes it: it never burns a core. An I/O error stops the writing for good; from then on what
 * arrives is counted as lost, and the error is reported by {@link #status()}.
 *
 * <p><b>Close.</b> Drains what was offered before, flushes, syncs the file to the device
 * ({@link FileChannel#force}) and closes it. Publishers held back then are released, and what was
 * still queued is reported as lost.
 */
public final class JournalWriter {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int DRAIN_BATCH = 4096;
    private static final long MAX_IDLE_PARK_NANOS = 1_000_000L;
    private static final long MIN_IDLE_PARK_NANOS = 10_000L;
    /** A held-back publisher spins this many times before it yields, then parks. */
    private static final int HOLD_SPINS = 64;
    private static final int HOLD_YIELDS = 16;
    private static final long MAX_HOLD_PARK_NANOS = 100_000L;
    /** The bytes of the smallest event record: the frame, the prefix and the type code. */
    private static final int MIN_EVENT_RECORD = JournalFormat.FRAME_LENGTH + JournalFormat.EVENT_PREFIX
            + EventCodec.TYPE_CODE_BYTES;

    private final Path path;
    private final FileChannel channel;
    private final EventCodec codec = EventCodec.standard();
    private final JournalOverflow overflow;
    private final long holdTimeoutNanos;
    private final MpscVarHandleArrayQueue<Envelope<?>> events;
    private final MpscVarHandleArrayQueue<Envelope<?>> refusals;
    private final LongAdder eventsRejected = new LongAdder();
    private final LongAdder refusalsRejected = new LongAdder();
    private final LongAdder heldBack = new LongAdder();
    private final LongAdder heldBackNanos = new LongAdder();
    private final CRC32C crc = new CRC32C();
    private final CountDownLatch finished = new CountDownLatch(1);

    // Written by the writer thread only (or by close() when the thread never started); volatile so
    // that status() reads a recent value from any thread.
    private volatile long eventsWritten;
    private volatile long refusalsWritten;
    private volatile long eventsDropped;
    private volatile long refusalsDropped;
    private volatile long bytesWritten;
    private volatile String failure = "";
    /** Set once the final drain is over: what is still queued then is lost. */
    private volatile boolean closed;
    /** Set by close(); the writer thread drains, syncs and ends when it sees it. */
    private volatile boolean stopRequested;
    /** The writer thread once started; volatile so that held-back publishers see it. */
    private volatile Thread thread;

    // Writer-thread state.
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private int bufferedEvents;
    private int bufferedRefusals;
    private boolean oversizedReported;
    private boolean unencodableReported;

    /**
     * Creates the journal file (it must not exist) and writes its header and schemas.
     *
     * @throws IOException if the file exists or cannot be created and written
     */
    public JournalWriter(Path path, int queueCapacity, JournalOverflow overflow, Duration holdTimeout)
            throws IOException {
        this(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), queueCapacity,
                overflow, holdTimeout);
    }

    /**
     * Writes the journal to an open channel; the channel is the writer's from now on. Lets tests
     * give it a file system that fails (a full disk).
     */
    JournalWriter(Path path, FileChannel channel, int queueCapacity, JournalOverflow overflow, Duration holdTimeout)
            throws IOException {
        this.path = path;
        this.overflow = overflow;
        this.holdTimeoutNanos = holdTimeout.toNanos();
        this.events = new MpscVarHandleArrayQueue<>(queueCapacity);
        this.refusals = new MpscVarHandleArrayQueue<>(Math.max(2, queueCapacity));
        this.channel = channel;
        try {
            Instant now = Instant.now();
            long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            JournalFormat.putHeader(buffer, crc, epochNanos, System.nanoTime());
            for (EventType type : EventType.values()) {
                writeSchema(type.wireCode(), codec.schema(type));
            }
            flush();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** Starts the writer thread; once. */
    public synchronized void start(String busName) {
        if (thread != null || stopRequested) {
            return;
        }
        Thread writer = new Thread(this::run, "hftbus-" + busName + "-journal");
        writer.setDaemon(true);
        thread = writer;
        writer.start();
    }

    /**
     * Queues a recorded envelope; publisher thread, no lock, no allocation. When the queue is full,
     * holds the publisher back ({@link JournalOverflow#BLOCK}) or counts the event as lost.
     */
    public void offerEvent(Envelope<?> envelope) {
        if (events.offer(envelope)) {
            return;
        }
        if (overflow == JournalOverflow.BLOCK && thread != null) {
            holdBack(events, envelope, eventsRejected);
        } else {
            eventsRejected.increment(); // dropping by choice, or no writer thread to wait for
        }
    }

    /** Waits for room in {@code queue}; the slow path of a lossless journal that fell behind. */
    private void holdBack(MpscVarHandleArrayQueue<Envelope<?>> queue, Envelope<?> envelope, LongAdder rejected) {
        heldBack.increment();
        long start = System.nanoTime();
        Thread writer = thread;
        LockSupport.unpark(writer); // it may be in its idle park while the queue filled
        long park = 1_000L;
        for (int round = 0; ; round++) {
            if (queue.offer(envelope)) {
                break;
            }
            // What ends a wait without room: each is counted as a lost record below.
            if (closed || !failure.isEmpty()
                    || Thread.currentThread().isInterrupted() || System.nanoTime() - start > holdTimeoutNanos) {
                rejected.increment();
                break;
            }
            if (round < HOLD_SPINS) {
                Thread.onSpinWait();
            } else if (round < HOLD_SPINS + HOLD_YIELDS) {
                Thread.yield();
            } else {
                LockSupport.unpark(writer);
                LockSupport.parkNanos(this, park);
                park = Math.min(MAX_HOLD_PARK_NANOS, park * 2);
            }
        }
        heldBackNanos.add(System.nanoTime() - start);
    }

    /**
     * Queues the refusal of a recorded envelope; publisher or closing thread, no lock, no
     * allocation. When the queue is full, held back as {@link #offerEvent} is.
     */
    public void offerRefusal(Envelope<?> envelope) {
        if (refusals.offer(envelope)) {
            return;
        }
        if (overflow == JournalOverflow.BLOCK && thread != null) {
            holdBack(refusals, envelope, refusalsRejected);
        } else {
            refusalsRejected.increment();
        }
    }

    /**
     * Drains, flushes, syncs and closes the file, waiting up to {@code timeout} for the writer
     * thread. Idempotent. An interrupt does not cut the wait short: the journal is closed first,
     * and the interrupt status is restored before this returns.
     *
     * @return whether the journal is closed
     */
    public boolean close(Duration timeout) {
        Thread writer;
        synchronized (this) {
            stopRequested = true;
            writer = thread;
        }
        if (writer == null) {
            // Never started: the caller is the only writer left.
            synchronized (this) {
                if (finished.getCount() > 0) {
                    drainAndClose();
                }
            }
            return true;
        }
        LockSupport.unpark(writer);
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (;;) {
                try {
                    if (finished.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        return true;
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.warn("journal {}: not closed within {}; {} events still queued", path, timeout, events.size());
        return false;
    }

    /** The state of the journal now. */
    public JournalStatus status() {
        boolean isClosed = closed;
        long leftEvents = isClosed ? events.size() : 0;
        long leftRefusals = isClosed ? refusals.size() : 0;
        return new JournalStatus(path, eventsWritten, refusalsWritten,
                eventsRejected.sum() + eventsDropped + leftEvents,
                refusalsRejected.sum() + refusalsDropped + leftRefusals,
                bytesWritten, heldBack.sum(), heldBackNanos.sum(), isClosed, failure);
    }

    // ------------------------------------------------------------------------------------------------
    // Writer thread.

    private void run() {
        long park = MIN_IDLE_PARK_NANOS;
        for (;;) {
            // Read the flag before draining: everything offered before close() set it is then
            // drained by this pass or an earlier one (the flag's volatile write and read order them).
            boolean stopping = stopRequested;
            if (drain() > 0) {
                park = MIN_IDLE_PARK_NANOS;
                continue;
            }
            flushQuietly();
            if (stopping) {
                break;
            }
            LockSupport.parkNanos(this, park);
            park = Math.min(MAX_IDLE_PARK_NANOS, park * 2);
        }
        drainAndClose();
    }

    private void drainAndClose() {
        while (drain() > 0) {
            // until both queues are empty
        }
        flushQuietly();
        if (failure.isEmpty()) {
            try {
                channel.force(true);
            } catch (IOException e) {
                fail("sync on close", e);
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            if (failure.isEmpty()) {
                fail("close", e);
            }
        }
        closed = true;
        finished.countDown();
    }

    /** Writes up to a batch of events and every queued refusal; returns how many it took. */
    private int drain() {
        int taken = 0;
        Envelope<?> envelope;
        while (taken < DRAIN_BATCH && (envelope = events.poll()) != null) {
            writeEvent(envelope);
            taken++;
        }
        while ((envelope = refusals.poll()) != null) {
            writeRefusal(envelope);
            taken++;
        }
        return taken;
    }

    private void writeEvent(Envelope<?> envelope) {
        if (!failure.isEmpty()) {
            eventsDropped++;
            return;
        }
        // Encoded straight into the buffer, without measuring first; a record that does not fit
        // is encoded again after a flush, into a larger buffer if need be.
        for (;;) {
            int frameStart = buffer.position();
            if (buffer.remaining() >= MIN_EVENT_RECORD) {
                try {
                    buffer.position(frameStart + JournalFormat.FRAME_LENGTH);
                    buffer.put(JournalFormat.KIND_EVENT)
                            .put((byte) WireCodes.priorityCode(envelope.priority()))
                            .putLong(envelope.sequence())
                            .putLong(envelope.publishNanos());
                    codec.encode(envelope.event(), buffer);
                    int payload = buffer.position() - frameStart - JournalFormat.FRAME_LENGTH;
                    if (payload > JournalFormat.MAX_PAYLOAD) {
                        buffer.position(frameStart);
                        oversized(envelope, payload);
                        return;
                    }
                    JournalFormat.sealFrame(buffer, frameStart, payload, crc);
                    bufferedEvents++;
                    return;
                } catch (BufferOverflowException e) {
                    buffer.position(frameStart);
                } catch (CodecException e) {
                    buffer.position(frameStart);
                    unencodable(envelope, e);
                    return;
                }
            }
            if (!makeRoom(frameStart)) {
                if (frameStart == 0 && failure.isEmpty()) {
                    oversized(envelope, JournalFormat.MAX_PAYLOAD + 1);
                } else {
                    eventsDropped++;
                }
                return;
            }
        }
    }

    private void unencodable(Envelope<?> envelope, CodecException e) {
        eventsDropped++;
        if (!unencodableReported) {
            unencodableReported = true;
            LOG.error("journal {}: {} event sequence {} cannot be encoded; counted as lost (reported once)", path,
                    envelope.type(), envelope.sequence(), e);
        }
    }

    private void oversized(Envelope<?> envelope, int payload) {
        eventsDropped++;
        if (!oversizedReported) {
            oversizedReported = true;
            LOG.warn("journal {}: {} event sequence {} needs {} bytes, more than a record holds ({}); counted as"
                    + " lost (reported once)", path, envelope.type(), envelope.sequence(), payload,
                    JournalFormat.MAX_PAYLOAD);
        }
    }

    private void writeRefusal(Envelope<?> envelope) {
        int frameLength = JournalFormat.FRAME_LENGTH + JournalFormat.REFUSED_PAYLOAD;
        if (!failure.isEmpty() || buffer.remaining() < frameLength && !makeRoom(buffer.position())) {
            refusalsDropped++;
            return;
        }
        int frameStart = buffer.position();
        buffer.position(frameStart + JournalFormat.FRAME_LENGTH);
        buffer.put(JournalFormat.KIND_REFUSED).putLong(envelope.sequence());
        JournalFormat.sealFrame(buffer, frameStart, JournalFormat.REFUSED_PAYLOAD, crc);
        bufferedRefusals++;
    }

    private void writeSchema(int typeCode, RecordSchema schema) {
        int frameStart = buffer.position();
        buffer.position(frameStart + JournalFormat.FRAME_LENGTH);
        buffer.put(JournalFormat.KIND_SCHEMA).putShort((short) typeCode);
        schema.write(buffer);
        JournalFormat.sealFrame(buffer, frameStart, buffer.position() - frameStart - JournalFormat.FRAME_LENGTH, crc);
    }

    /**
     * Makes room for a record that did not fit after {@code used} buffered bytes: flushes them, or,
     * when the buffer held nothing else, grows it (up to the largest record). False if neither
     * helps: the file failed, or the record is larger than any record may be.
     */
    private boolean makeRoom(int used) {
        if (used > 0) {
            flushQuietly();
            return failure.isEmpty();
        }
        int most = JournalFormat.FRAME_LENGTH + JournalFormat.MAX_PAYLOAD;
        if (buffer.capacity() >= most) {
            return false;
        }
        // A record larger than any before; rare, the buffer is kept from then on.
        buffer = ByteBuffer.allocate((int) Math.min(most, 2L * buffer.capacity()));
        return true;
    }

    private void flushQuietly() {
        if (buffer.position() == 0 || !failure.isEmpty()) {
            return;
        }
        try {
            flush();
        } catch (IOException e) {
            fail("write", e);
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        int length = buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        bytesWritten += length;
        eventsWritten += bufferedEvents;
        refusalsWritten += bufferedRefusals;
        bufferedEvents = 0;
        bufferedRefusals = 0;
    }

    private void fail(String what, IOException e) {
        failure = what + " failed: " + e;
        eventsDropped += bufferedEvents;
        refusalsDropped += bufferedRefusals;
        bufferedEvents = 0;
        bufferedRefusals = 0;
        buffer.clear();
        LOG.error("journal {}: {}; from now on every recorded event is counted as lost", path, failure, e);
        try {
            channel.close();
        } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
        }
    }
}
