package io.hftbus.recorder.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.recorder.JournalStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends recorded envelopes and refusals to a journal file, on its own thread.
 *
 * <p><b>Publisher side.</b> {@link #offerEvent} and {@link #offerRefusal} put the envelope
 * reference on a bounded JCTools MPSC queue: one CAS, no allocation, no lock, no wait. When the
 * queue is full because the disk does not keep up, the envelope is counted as lost, never waited
 * for. Refusals have their own queue so that a flood of events cannot crowd them out.
 *
 * <p><b>Writer thread.</b> Drains both queues, encodes each record into a heap buffer, and hands
 * the buffer to the file when it is full or when the queues run dry, so that a killed process
 * loses at most what was still queued or buffered, and a torn last record at worst. When idle it
 * parks with a growing back-off (up to one millisecond): it never burns a core. An I/O error stops
 * the writing for good; from then on what arrives is counted as lost, and the error is reported by
 * {@link #status()}.
 *
 * <p><b>Close.</b> Drains what was offered before, flushes, syncs the file to the device
 * ({@link FileChannel#force}) and closes it. Whatever was still queued after that is reported as
 * lost.
 */
public final class JournalWriter {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int DRAIN_BATCH = 4096;
    private static final long MAX_IDLE_PARK_NANOS = 1_000_000L;
    private static final long MIN_IDLE_PARK_NANOS = 10_000L;

    private final Path path;
    private final FileChannel channel;
    private final MpscVarHandleArrayQueue<Envelope<?>> events;
    private final MpscVarHandleArrayQueue<Envelope<?>> refusals;
    private final LongAdder eventsRejected = new LongAdder();
    private final LongAdder refusalsRejected = new LongAdder();
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

    // Writer-thread state.
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private int bufferedEvents;
    private int bufferedRefusals;
    private boolean oversizedReported;
    private Thread thread;

    /**
     * Creates the journal file (it must not exist) and writes its header.
     *
     * @throws IOException if the file exists or cannot be created and written
     */
    public JournalWriter(Path path, int queueCapacity) throws IOException {
        this(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), queueCapacity);
    }

    /**
     * Writes the journal to an open channel; the channel is the writer's from now on. Lets tests
     * give it a file system that fails (a full disk).
     */
    JournalWriter(Path path, FileChannel channel, int queueCapacity) throws IOException {
        this.path = path;
        this.events = new MpscVarHandleArrayQueue<>(queueCapacity);
        this.refusals = new MpscVarHandleArrayQueue<>(Math.max(2, queueCapacity / 8));
        this.channel = channel;
        try {
            JournalFormat.putHeader(buffer, crc);
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
        thread = new Thread(this::run, "hftbus-" + busName + "-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a recorded envelope; publisher thread, lock-free, allocation-free. */
    public void offerEvent(Envelope<?> envelope) {
        if (!events.offer(envelope)) {
            eventsRejected.increment();
        }
    }

    /** Queues the refusal of a recorded envelope; publisher or closing thread, lock-free, allocation-free. */
    public void offerRefusal(Envelope<?> envelope) {
        if (!refusals.offer(envelope)) {
            refusalsRejected.increment();
        }
    }

    /**
     * Drains, flushes, syncs and closes the file, waiting up to {@code timeout} for the writer
     * thread. Idempotent.
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
            if (finished.getCount() > 0) {
                synchronized (this) {
                    if (finished.getCount() > 0) {
                        drainAndClose();
                    }
                }
            }
            return true;
        }
        LockSupport.unpark(writer);
        try {
            if (finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                bytesWritten, isClosed, failure);
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
        int bodyLength = EventCodec.encodedSize(envelope.event());
        long payload = (long) JournalFormat.EVENT_PREFIX + bodyLength;
        if (payload > JournalFormat.MAX_PAYLOAD) {
            eventsDropped++;
            if (!oversizedReported) {
                oversizedReported = true;
                LOG.warn("journal {}: {} event sequence {} needs {} bytes, more than a record holds ({}); counted as"
                        + " lost (reported once)", path, envelope.type(), envelope.sequence(), payload,
                        JournalFormat.MAX_PAYLOAD);
            }
            return;
        }
        if (!makeRoom(JournalFormat.FRAME_LENGTH + (int) payload)) {
            eventsDropped++;
            return;
        }
        int frameStart = buffer.position();
        int payloadStart = frameStart + JournalFormat.FRAME_LENGTH;
        buffer.position(payloadStart);
        buffer.put(JournalFormat.KIND_EVENT)
                .putLong(envelope.sequence())
                .putLong(envelope.publishNanos())
                .put((byte) envelope.priority().ordinal())
                .put((byte) envelope.type().ordinal());
        EventCodec.encode(envelope.event(), buffer);
        seal(frameStart, (int) payload);
        bufferedEvents++;
    }

    private void writeRefusal(Envelope<?> envelope) {
        if (!failure.isEmpty() || !makeRoom(JournalFormat.FRAME_LENGTH + JournalFormat.REFUSED_PAYLOAD)) {
            refusalsDropped++;
            return;
        }
        int frameStart = buffer.position();
        buffer.position(frameStart + JournalFormat.FRAME_LENGTH);
        buffer.put(JournalFormat.KIND_REFUSED).putLong(envelope.sequence());
        seal(frameStart, JournalFormat.REFUSED_PAYLOAD);
        bufferedRefusals++;
    }

    /** Writes the frame of the payload just encoded after {@code frameStart}. */
    private void seal(int frameStart, int payloadLength) {
        int payloadStart = frameStart + JournalFormat.FRAME_LENGTH;
        if (buffer.position() - payloadStart != payloadLength) {
            throw new IllegalStateException("journal " + path + ": encoded " + (buffer.position() - payloadStart)
                    + " payload bytes where " + payloadLength + " were computed");
        }
        buffer.putInt(frameStart, JournalFormat.lengthWord(payloadLength));
        buffer.putInt(frameStart + 4,
                JournalFormat.crc32c(crc, buffer.array(), buffer.arrayOffset() + payloadStart, payloadLength));
    }

    /** Makes the buffer able to take {@code bytes} more; false if the file failed meanwhile. */
    private boolean makeRoom(int bytes) {
        if (buffer.remaining() >= bytes) {
            return true;
        }
        flushQuietly();
        if (!failure.isEmpty()) {
            return false;
        }
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(bytes); // a record larger than any before; rare, kept from then on
        }
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
