package io.hftbus.bridge;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.EventBus;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.event.EventType;
import io.hftbus.codec.CodecException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound half of a bridge, for one remote bus: its thread polls the channel, decodes each
 * message into its frames (one, or a batch), drops loops, duplicates and types not taken in, and publishes the rest into the local
 * bus through one exclusive publisher per remote instance, which marks them with its origin. The
 * channel acknowledges a frame after this returned for it: at-least-once.
 *
 * <p><b>Order.</b> One thread publishes everything of one remote bus, in the order the engine
 * stored it, each event in the lane it had at the sender: per origin and lane, the local bus
 * delivers in the sender's order.
 *
 * <p>Everything but the counters belongs to the pump's thread.
 */
final class InboundPump implements Runnable, InboundReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final Duration POLL_WAIT = Duration.ofMillis(100);
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** One remote bus instance: its origin here, its recent sequences, its publisher. */
    private static final class Remote {
        final long instanceId;
        final DuplicateWindow window;
        final ExclusivePublisher publisher;

        Remote(long instanceId, DuplicateWindow window, ExclusivePublisher publisher) {
            this.instanceId = instanceId;
            this.window = window;
            this.publisher = publisher;
        }
    }

    private final EventBus bus;
    private final InboundSource source;
    private final InboundChannel channel;
    private final Bridge.Origins origins;
    private final long ownInstance;
    private final int duplicateWindow;
    private final int pollBatch;
    private final long maxBackoffNanos;
    private final boolean[] takes = new boolean[EventType.count()];
    private final Map<Long, Remote> remotes = new HashMap<>();
    private final RateLimitedLog badMessageLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(5));
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(5));
    private final long epochMinusNanoTime;
    private Remote last;

    final AtomicLong received = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong looped = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong decodeFailures = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong receiveFailures = new AtomicLong();
    final AtomicLong lastTransitNanos = new AtomicLong(-1);

    private volatile boolean running = true;

    InboundPump(EventBus bus, InboundSource source, InboundChannel channel, Bridge.Origins origins,
                BridgeConfig config) {
        this.bus = bus;
        this.source = source;
        this.channel = channel;
        this.origins = origins;
        this.ownInstance = config.instanceId();
        this.duplicateWindow = config.duplicateWindow();
        this.pollBatch = config.pollBatch();
        this.maxBackoffNanos = config.maxBackoff().toNanos();
        for (EventType type : source.types()) {
            takes[type.ordinal()] = true;
        }
        Instant now = Instant.now();
        long nanoTime = System.nanoTime();
        this.epochMinusNanoTime = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanoTime;
    }

    InboundChannel channel() {
        return channel;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF_NANOS;
        while (running) {
            try {
                channel.poll(pollBatch, POLL_WAIT, this);
                backoff = MIN_BACKOFF_NANOS;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                receiveFailures.incrementAndGet();
                failureLog.warn("Bridge of bus {} cannot read bus {} now, retrying within {} ms: {}", bus.name(),
                        source.remoteBus(), TimeUnit.NANOSECONDS.toMillis(backoff), e.getMessage());
                LockSupport.parkNanos(this, backoff);
                backoff = Math.min(backoff * 2, maxBackoffNanos);
            }
        }
    }

    /**
     * One message: a frame, or a batch whose frames are taken in order. A message that does not
     * decode, whole, counts as one received and one decode failure, and none of it is delivered.
     */
    @Override
    public void receive(String subject, byte[] bytes) {
        List<WireFrame> frames;
        try {
            frames = WireMessage.frames(bytes);
        } catch (CodecException e) {
            received.lazySet(received.get() + 1);
            decodeFailures.lazySet(decodeFailures.get() + 1);
            badMessageLog.warn("Bridge of bus {} skipped a message on {} that is no frame: {}", bus.name(), subject,
                    e.getMessage());
            return;
        }
        for (int i = 0, n = frames.size(); i < n; i++) {
            take(frames.get(i));
        }
    }

    private void take(WireFrame frame) {
        received.lazySet(received.get() + 1);
        if (frame.origin() == ownInstance) {
            looped.lazySet(looped.get() + 1);
            return;
        }
        if (!takes[frame.event().type().ordinal()]) {
            skipped.lazySet(skipped.get() + 1);
            return;
        }
        Remote remote = remote(frame.origin());
        if (!remote.window.add(frame.sequence())) {
            duplicates.lazySet(duplicates.get() + 1);
            return;
        }
        try {
            if (remote.publisher.publish(frame.event(), frame.priority()) == EventBus.NOT_ACCEPTED) {
                refused.lazySet(refused.get() + 1);
                return;
            }
        } catch (BackpressureException e) {
            refused.lazySet(refused.get() + 1);
            failureLog.warn("Bus {} refused a bridged event from {}: {}", bus.name(), source.remoteBus(),
                    e.getMessage());
            return;
        } catch (BusClosedException e) {
            // The bus is gone: stop, and let the poll fail before it acknowledges, so that this frame
            // and the rest of its batch are delivered again to whoever reads under this name next.
            running = false;
            throw e;
        }
        delivered.lazySet(delivered.get() + 1);
        if (frame.isStamped()) {
            lastTransitNanos.lazySet(System.nanoTime() + epochMinusNanoTime - frame.publishEpochNanos());
        }
    }

    private Remote remote(long instanceId) {
        Remote remote = last;
        if (remote != null && remote.instanceId == instanceId) {
            return remote;
        }
        remote = remotes.get(instanceId);
        if (remote == null) {
            RemoteOrigin origin = origins.register(source.remoteBus(), instanceId);
            remote = new Remote(instanceId, new DuplicateWindow(duplicateWindow), bus.exclusivePublisher(
                    "bridge-" + source.remoteBus() + "-" + Long.toHexString(instanceId), origin.origin()));
            remotes.put(instanceId, remote);
        }
        last = remote;
        return remote;
    }
}
