package io.hftbus.nats;

import io.hftbus.api.EventBus;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.event.EventType;
import io.hftbus.bridge.TransportException;
import io.hftbus.bridge.WireFrame;
import io.hftbus.bridge.WireMessage;
import io.hftbus.codec.CodecException;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what one bus sent into the stream, from a stream sequence or a time, into a local bus: the
 * remote counterpart of the journal's replay, for backtests on a research box. Immutable; each
 * {@code from}, {@code paced}, {@code types} and {@code origin} method returns a changed copy.
 *
 * <pre>{@code
 * NatsReplay.Result result = NatsReplay.of(nats, "feed")
 *         .fromTime(Instant.parse("2026-12-02T14:30:00Z"))
 *         .paced(1.0)
 *         .into(researchBus);
 * }</pre>
 *
 * <p>{@link #into} reads up to the stream's last message at the moment it is called, and returns.
 * Events are published in stream order, each in the lane it had at the sender, through one
 * exclusive publisher of {@link #origin(int) an origin} (1 by default), so that subscribers can tell
 * them from local events. As fast as possible by default, or {@linkplain #paced(double) paced} by
 * the frames' publish times. A message that is no frame is skipped and counted.
 *
 * <p><b>Sequences are the stream's.</b> The stream numbers messages, and a message is one frame or
 * a {@linkplain WireMessage batch} of frames the sender packed together, so a replay from a
 * sequence starts at a message: with the first frame of the batch stored under it. A replay from a
 * time starts at the first message stored at or after it. Nothing is
 * acknowledged: the replay's consumer is ephemeral and leaves no trace in the stream.
 *
 * <p><b>Threading.</b> {@link #into} runs on the calling thread, which owns the publisher.
 */
public final class NatsReplay {

    private static final Logger LOG = LoggerFactory.getLogger(NatsReplay.class);
    private static final int BATCH = 256;
    private static final Duration FETCH_WAIT = Duration.ofMillis(500);

    /**
     * What a replay did.
     *
     * @param events             events published into the bus
     * @param skipped            messages that were no frame or batch, and frames of a type not replayed
     * @param firstStreamSequence the stream sequence of the first message read; 0 if none
     * @param lastStreamSequence  the stream sequence of the last message read; 0 if none
     */
    public record Result(long events, long skipped, long firstStreamSequence, long lastStreamSequence) {
    }

    private final NatsTransport transport;
    private final String bus;
    private final long startSequence;
    private final Instant startTime;
    private final double speed;
    private final Set<EventType> types;
    private final int origin;

    private NatsReplay(NatsTransport transport, String bus, long startSequence, Instant startTime, double speed,
                       Set<EventType> types, int origin) {
        this.transport = transport;
        this.bus = bus;
        this.startSequence = startSequence;
        this.startTime = startTime;
        this.speed = speed;
        this.types = types;
        this.origin = origin;
    }

    /** A replay of everything {@code bus} sent that the stream still holds, as fast as possible. */
    public static NatsReplay of(NatsTransport transport, String bus) {
        if (transport == null) {
            throw new NullPointerException("transport must not be null");
        }
        NatsTransport.requireName("bus", bus);
        return new NatsReplay(transport, bus, 0, null, 0, EnumSet.allOf(EventType.class), 1);
    }

    /**
     * Starts at stream sequence {@code sequence} (the first message has 1): at the first frame of
     * the message stored under it.
     *
     * @throws IllegalArgumentException if {@code sequence} is less than 1
     */
    public NatsReplay fromSequence(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("stream sequence must be >= 1 but was " + sequence);
        }
        return new NatsReplay(transport, bus, sequence, null, speed, types, origin);
    }

    /** Starts at the first message the stream stored at or after {@code time}. */
    public NatsReplay fromTime(Instant time) {
        if (time == null) {
            throw new NullPointerException("time must not be null");
        }
        return new NatsReplay(transport, bus, 0, time, speed, types, origin);
    }

    /**
     * Paces the events by their publish times, {@code speed} times as fast as they were published
     * (1.0 is the recorded pace); 0 replays as fast as possible. Unstamped frames are not paced.
     *
     * @throws IllegalArgumentException if {@code speed} is negative or not finite
     */
    public NatsReplay paced(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive but was " + speed);
        }
        return new NatsReplay(transport, bus, startSequence, startTime, speed, types, origin);
    }

    /** Replays only events of {@code replayed}; the others are skipped. */
    public NatsReplay types(Set<EventType> replayed) {
        if (replayed == null || replayed.isEmpty()) {
            throw new IllegalArgumentException("replayed types must name at least one event type but was " + replayed);
        }
        return new NatsReplay(transport, bus, startSequence, startTime, speed, EnumSet.copyOf(replayed), origin);
    }

    /**
     * Publishes with origin {@code origin}.
     *
     * @throws IllegalArgumentException if {@code origin} is not positive
     */
    public NatsReplay origin(int origin) {
        if (origin <= 0) {
            throw new IllegalArgumentException("origin must be positive but was " + origin);
        }
        return new NatsReplay(transport, bus, startSequence, startTime, speed, types, origin);
    }

    /**
     * Replays into {@code target} on the calling thread, up to the stream's last message now.
     *
     * @throws TransportException   if the server cannot be reached or refuses the consumer
     * @throws InterruptedException if the thread was interrupted; what was published stays published
     */
    public Result into(EventBus target) throws InterruptedException {
        long end = transport.streamInfo(bus).getStreamState().getLastSequence();
        if (end == 0 || startSequence > end) {
            return new Result(0, 0, 0, 0);
        }
        ConsumerConfiguration.Builder consumer = ConsumerConfiguration.builder()
                .filterSubject(transport.busSubjects(bus) + ">")
                .ackPolicy(AckPolicy.None)
                .inactiveThreshold(Duration.ofSeconds(30));
        if (startSequence > 0) {
            consumer.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(startSequence);
        } else if (startTime != null) {
            consumer.deliverPolicy(DeliverPolicy.ByStartTime).startTime(startTime.atZone(ZoneOffset.UTC));
        } else {
            consumer.deliverPolicy(DeliverPolicy.All);
        }
        JetStreamSubscription subscription;
        try {
            subscription = transport.jetStream().subscribe(transport.busSubjects(bus) + ">",
                    PullSubscribeOptions.builder().stream(transport.config().stream(bus))
                            .configuration(consumer.build()).build());
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            throw new TransportException("NATS at " + transport.endpoint() + " refused a replay consumer of bus "
                    + bus + ": " + e.getMessage(), e);
        }
        long remaining;
        try {
            // What the consumer will deliver, counted once: the replay ends there, and asks for no more
            // than is left, so that its last fetch returns at once rather than at the end of its wait.
            remaining = subscription.getConsumerInfo().getNumPending();
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            subscription.unsubscribe();
            throw new TransportException("NATS at " + transport.endpoint() + " cannot count the replay of bus "
                    + bus + ": " + e.getMessage(), e);
        }
        ExclusivePublisher publisher = target.exclusivePublisher("replay-" + bus, origin);
        long events = 0;
        long skipped = 0;
        long first = 0;
        long last = 0;
        long firstStamp = Long.MIN_VALUE;
        long startNanos = System.nanoTime();
        try {
            while (remaining > 0) {
                List<Message> batch = subscription.fetch((int) Math.min(BATCH, remaining), FETCH_WAIT);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (batch.isEmpty()) {
                    if (subscription.getConsumerInfo().getNumPending() == 0) {
                        break; // the stream's limits removed the rest meanwhile
                    }
                    continue;
                }
                for (Message message : batch) {
                    if (!message.isJetStream()) {
                        continue;
                    }
                    remaining--;
                    last = message.metaData().streamSequence();
                    if (first == 0) {
                        first = last;
                    }
                    List<WireFrame> frames;
                    try {
                        frames = WireMessage.frames(message.getData());
                    } catch (CodecException e) {
                        skipped++;
                        LOG.warn("Replay of bus {} skipped message {} on {} that is no frame: {}", bus, last,
                                message.getSubject(), e.getMessage());
                        continue;
                    }
                    for (WireFrame frame : frames) {
                        if (!types.contains(frame.event().type())) {
                            skipped++;
                            continue;
                        }
                        if (speed > 0 && frame.isStamped()) {
                            if (firstStamp == Long.MIN_VALUE) {
                                firstStamp = frame.publishEpochNanos();
                            }
                            pace(startNanos + (long) ((frame.publishEpochNanos() - firstStamp) / speed));
                        }
                        publisher.publish(frame.event(), frame.priority());
                        events++;
                    }
                }
            }
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            throw new TransportException("replay of bus " + bus + " from NATS at " + transport.endpoint()
                    + " failed after " + events + " events: " + e.getMessage(), e);
        } finally {
            try {
                subscription.unsubscribe();
            } catch (IllegalStateException e) {
                // closed already
            }
        }
        return new Result(events, skipped, first, last);
    }

    private static void pace(long atNanos) throws InterruptedException {
        long wait;
        while ((wait = atNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
