package io.hftbus.bridge;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.EventType;
import io.hftbus.codec.CodecException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound half of a bridge: the bus's dispatch threads {@link #offer} local envelopes, which
 * are encoded and queued in a bounded buffer; the sender thread hands them to the transport with
 * a bounded window of unacknowledged messages.
 *
 * <p><b>Batching.</b> When the sender takes frames from the buffer and finds several of one type
 * waiting one after the other, it packs them, in order, into one {@link WireMessage batch}: up to
 * {@link BridgeConfig#maxBatchFrames()} frames and {@link BridgeConfig#maxBatchBytes()} bytes (at
 * most what the transport takes in one message). A frame that waits alone goes alone, at once:
 * batches form only when the transport is slower than the bus, and then they let it keep up,
 * without a timer that would hold a frame back. A message is composed once and never changed, so
 * a resend carries the same frames under the same id.
 *
 * <p><b>Order and resending.</b> The window is a ring of messages in send order. Acknowledgements
 * are retired from its head, in order. When the head's acknowledgement fails or is late, every
 * message in flight is sent again, from the head, in the same order (go-back-N): the engine, which
 * drops a publish whose origin and last sequence it has stored already, then holds each message
 * once and in the order the bus delivered its frames to the bridge. Resending only the failed one
 * would put it behind later ones. A send the transport refuses (the connection broke) sends the
 * whole window again too, and each message names its predecessor, so an engine that checks it
 * refuses a message whose predecessor was lost rather than store it out of order.
 *
 * <p><b>Threads.</b> {@link #offer} runs on the bus's dispatch threads (several, one per lane, with
 * {@code THREAD_PER_LANE}): it encodes, offers to the lock-free queue, and never waits on the
 * network; with {@link OutboundOverflow#BLOCK} it waits for room in the buffer. Everything else
 * runs on the sender thread.
 */
final class OutboundSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Idle wait while the window is full or the transport is backing off: acknowledgements complete
     * on the transport's threads, and a full window of them is milliseconds of frames, so a wait of
     * this length costs no throughput while it spares the cores the wake-ups a shorter one costs.
     */
    private static final long ACK_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /**
     * How long the head may wait before the frames behind it are searched for a refusal: a healthy
     * acknowledgement comes sooner, and the search reads the whole window.
     */
    private static final long FAILURE_SCAN_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Idle wait with nothing to do; an offer wakes the sender sooner. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * A frame on its way, or, once in the window, a message: one frame, or a batch of several of
     * one type, named to the transport by the sequence of its last frame.
     */
    static final class PendingFrame {
        final EventType type;
        final long sequence;
        final byte[] bytes;
        final int frames;
        int attempts;

        PendingFrame(EventType type, long sequence, byte[] bytes) {
            this(type, sequence, bytes, 1);
        }

        PendingFrame(EventType type, long lastSequence, byte[] bytes, int frames) {
            this.type = type;
            this.sequence = lastSequence;
            this.bytes = bytes;
            this.frames = frames;
        }
    }

    private final String bus;
    private final OutboundChannel channel;
    private final long instanceId;
    private final OutboundOverflow overflow;
    private final long ackTimeoutNanos;
    private final long maxBackoffNanos;
    private final long epochMinusNanoTime;
    private final MpscVarHandleArrayQueue<PendingFrame> queue;
    private final int maxBatchFrames;
    private final int maxBatchBytes;
    /** The frames of the batch being packed; the sender's alone. */
    private final byte[][] batch;
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(5));

    // The window: a ring of messages in send order, owned by the sender thread.
    private final PendingFrame[] window;
    private final CompletableFuture<?>[] acks;
    private final long[] sentAt;
    private int head;
    private int count;
    /** Of the {@code count} messages from {@code head}, the first {@code sentCount} are sent. */
    private int sentCount;
    /** The frames in the {@code count} messages of the window. */
    private long windowFrames;

    final AtomicLong sent = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong resent = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final LongAdder dropped = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();

    private Thread thread;
    /**
     * Set by the sender before it parks, cleared after. An offer reads it after its CAS on the
     * queue's producer index, and the sender reads the queue after setting it: each is a volatile
     * (sequentially consistent) access, so either the offer sees the flag and unparks, or the
     * sender sees the frame and does not park. A bounded park covers nothing more than that.
     */
    private volatile boolean sleeping;
    private volatile boolean closing;
    private volatile long closeDeadline;

    /**
     * @param maxMessageBytes the largest message the transport takes; batches stay within it and
     *                        within the config's {@link BridgeConfig#maxBatchBytes()}
     */
    OutboundSender(String bus, OutboundChannel channel, BridgeConfig config, int maxMessageBytes) {
        this.bus = bus;
        this.channel = channel;
        this.instanceId = config.instanceId();
        this.overflow = config.overflow();
        this.ackTimeoutNanos = config.ackTimeout().toNanos();
        this.maxBackoffNanos = config.maxBackoff().toNanos();
        this.queue = new MpscVarHandleArrayQueue<>(config.outboundBuffer());
        this.maxBatchFrames = config.maxBatchFrames();
        this.maxBatchBytes = Math.min(config.maxBatchBytes(), maxMessageBytes);
        this.batch = new byte[maxBatchFrames][];
        this.window = new PendingFrame[config.ackWindow()];
        this.acks = new CompletableFuture<?>[config.ackWindow()];
        this.sentAt = new long[config.ackWindow()];
        Instant now = Instant.now();
        long nanoTime = System.nanoTime();
        this.epochMinusNanoTime = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanoTime;
    }

    void start(Thread senderThread) {
        this.thread = senderThread;
        senderThread.start();
    }

    /** Called on a dispatch thread with an envelope of a sent type. */
    void offer(Envelope<?> envelope) {
        if (!envelope.isLocal()) {
            return; // brought in from elsewhere: never sent back out
        }
        PendingFrame frame;
        try {
            long published = envelope.isStamped() ? envelope.publishNanos() + epochMinusNanoTime : Envelope.NOT_STAMPED;
            frame = new PendingFrame(envelope.type(), envelope.sequence(),
                    WireFrame.encode(envelope, instanceId, published));
        } catch (CodecException e) {
            dropped.increment();
            LOG.warn("Bridge of bus {} dropped event {} that cannot be encoded: {}", bus, envelope.sequence(),
                    e.getMessage());
            return;
        }
        if (!queue.offer(frame)) {
            if (overflow == OutboundOverflow.DROP) {
                dropped.increment();
                return;
            }
            while (!queue.offer(frame)) {
                if (closing) {
                    dropped.increment();
                    return;
                }
                LockSupport.parkNanos(ACK_POLL_NANOS);
            }
        }
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Frames waiting or in flight now. */
    long buffered() {
        return queue.size() + inFlight.get();
    }

    /** Asks the sender to finish: it sends what is buffered and ends by {@code deadlineNanos}. */
    void close(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closing = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF_NANOS;
        long retryAt = System.nanoTime();
        while (true) {
            boolean progressed = retire();
            long now = System.nanoTime();
            if (sentCount > 0 && now - sentAt[head] > ackTimeoutNanos) {
                sendFailures.incrementAndGet();
                failureLog.warn("Bridge of bus {}: no acknowledgement from {} within {} ms; resending {} messages",
                        bus, "the transport", TimeUnit.NANOSECONDS.toMillis(ackTimeoutNanos), sentCount);
                goBack();
                retryAt = now;
            }
            while (count < window.length) {
                PendingFrame message = nextMessage();
                if (message == null) {
                    break;
                }
                window[slot(count)] = message;
                count++;
                windowFrames += message.frames;
                progressed = true;
            }
            if (sentCount < count && now - retryAt >= 0) {
                while (sentCount < count) {
                    int at = slot(sentCount);
                    PendingFrame frame = window[at];
                    // The head names no predecessor: everything before it is acknowledged, and one the
                    // engine lost after acknowledging it (a crash before its write) cannot come back.
                    long previous = sentCount == 0 ? -1 : window[slot(sentCount - 1)].sequence;
                    try {
                        acks[at] = channel.send(frame.type, instanceId, frame.sequence, previous, frame.bytes);
                    } catch (RuntimeException e) {
                        sendFailures.incrementAndGet();
                        failureLog.warn("Bridge of bus {} cannot send now, retrying within {} ms: {}", bus,
                                TimeUnit.NANOSECONDS.toMillis(backoff), e.getMessage());
                        // The connection broke: what is in flight may be lost with it, so it all goes
                        // again, from the head, before anything newer.
                        goBack();
                        retryAt = now + backoff;
                        backoff = Math.min(backoff * 2, maxBackoffNanos);
                        break;
                    }
                    sentAt[at] = now;
                    if (frame.attempts++ == 0) {
                        sent.lazySet(sent.get() + frame.frames);
                    } else {
                        resent.lazySet(resent.get() + frame.frames);
                    }
                    sentCount++;
                    progressed = true;
                }
                if (sentCount == count) {
                    backoff = MIN_BACKOFF_NANOS;
                }
            }
            inFlight.lazySet(windowFrames);
            if (closing) {
                if (count == 0 && queue.isEmpty()) {
                    return;
                }
                if (now - closeDeadline > 0) {
                    abandon();
                    return;
                }
            }
            if (!progressed) {
                if (sentCount > 1 && now - sentAt[head] > FAILURE_SCAN_AFTER_NANOS && anyFailedBehindTheHead()) {
                    goBack();
                    continue;
                }
                idle(count < window.length && sentCount == count && now - retryAt >= 0);
            }
        }
    }

    /** Retires acknowledged frames from the head, in order; goes back on a failed one. */
    private boolean retire() {
        boolean progressed = false;
        while (sentCount > 0 && acks[head].isDone()) {
            if (acks[head].isCompletedExceptionally()) {
                sendFailures.incrementAndGet();
                failureLog.warn("Bridge of bus {}: the transport refused or lost a message ({}); resending {} messages",
                        bus, failureOf(acks[head]), sentCount);
                goBack();
                return true;
            }
            int frames = window[head].frames;
            acks[head] = null;
            window[head] = null;
            head = head + 1 == window.length ? 0 : head + 1;
            count--;
            sentCount--;
            windowFrames -= frames;
            acked.lazySet(acked.get() + frames);
            progressed = true;
        }
        return progressed;
    }

    /**
     * Whether a frame after the head failed already: the engine refused it because its predecessor
     * was lost, so waiting for the head's timeout would only delay the resend.
     */
    private boolean anyFailedBehindTheHead() {
        for (int i = 1; i < sentCount; i++) {
            if (acks[slot(i)].isCompletedExceptionally()) {
                sendFailures.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /** Forgets every acknowledgement in flight, so that the frames are sent again from the head. */
    private void goBack() {
        for (int i = 0; i < sentCount; i++) {
            int at = slot(i);
            acks[at].cancel(false);
            acks[at] = null;
        }
        sentCount = 0;
    }

    private void abandon() {
        long lost = windowFrames;
        while (queue.relaxedPoll() != null) {
            lost++;
        }
        for (int i = 0; i < count; i++) {
            int at = slot(i);
            if (acks[at] != null) {
                acks[at].cancel(false);
            }
        }
        dropped.add(lost);
        inFlight.lazySet(0);
        windowFrames = 0;
        LOG.warn("Bridge of bus {} closed with {} frames not acknowledged; they are counted as dropped", bus, lost);
    }

    /**
     * The next message from the buffer: the frame at its head, packed with those behind it while
     * they are of the same type and the batch stays within its bounds; null when the buffer is
     * empty. Peeking and polling are the consumer's side of the queue, this thread's alone. The
     * relaxed forms may miss a frame whose producer has claimed its slot but not yet stored it
     * (the element's store is the release the queue's consumer reads); missing it only ends this
     * batch early, and the frame starts the next message.
     */
    private PendingFrame nextMessage() {
        PendingFrame first = queue.relaxedPoll();
        if (first == null) {
            return null;
        }
        PendingFrame next = queue.relaxedPeek();
        if (next == null || !fits(first, next, 1, first.bytes.length)) {
            return first;
        }
        batch[0] = first.bytes;
        int frames = 1;
        int frameBytes = first.bytes.length;
        PendingFrame last = first;
        while (next != null && fits(first, next, frames, frameBytes)) {
            queue.relaxedPoll(); // the one just peeked: only this thread takes from the queue
            batch[frames++] = next.bytes;
            frameBytes += next.bytes.length;
            last = next;
            next = queue.relaxedPeek();
        }
        byte[] bytes = WireMessage.pack(batch, frames);
        Arrays.fill(batch, 0, frames, null);
        return new PendingFrame(first.type, last.sequence, bytes, frames);
    }

    /** Whether {@code next} joins a batch that starts with {@code first} and holds {@code frames} frames so far. */
    private boolean fits(PendingFrame first, PendingFrame next, int frames, int frameBytes) {
        return next.type == first.type && frames < maxBatchFrames
                && WireMessage.batchSize(frames + 1, frameBytes + next.bytes.length) <= maxBatchBytes;
    }

    private void idle(boolean waitingForFrames) {
        sleeping = true;
        if (queue.isEmpty() || !waitingForFrames) {
            LockSupport.parkNanos(this, waitingForFrames && !closing ? IDLE_PARK_NANOS : ACK_POLL_NANOS);
        }
        sleeping = false;
    }

    private int slot(int offset) {
        int at = head + offset;
        return at >= window.length ? at - window.length : at;
    }

    private static String failureOf(CompletableFuture<?> future) {
        try {
            future.getNow(null);
            return "no failure";
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (java.util.concurrent.CancellationException e) {
            return "cancelled";
        }
    }
}
