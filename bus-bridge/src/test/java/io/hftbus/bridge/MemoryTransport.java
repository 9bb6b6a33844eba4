package io.hftbus.bridge;

import io.hftbus.api.event.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A transport in memory for the bridge's own tests: an engine that keeps one log per bus, removes
 * duplicate publishes by message id as JetStream does, and keeps a durable position per consumer.
 * Faults are switches: refuse sends, fail chosen acknowledgements, deliver everything twice.
 * The NATS transport's tests use a real server instead.
 */
final class MemoryTransport implements BridgeTransport {

    /** One stored message. */
    record Stored(String subject, byte[] bytes) {
    }

    private final Object lock = new Object();
    private final Map<String, List<Stored>> logs = new HashMap<>();
    private final Set<String> messageIds = new HashSet<>();
    private final Map<String, Integer> positions = new HashMap<>();

    volatile boolean refuseSends;
    volatile boolean deliverTwice;
    /**
     * Given the number of the send (from 0), whether its acknowledgement is lost: the frame is
     * stored, its acknowledgement fails, as when a connection breaks after the engine stored it.
     */
    volatile IntPredicate failAck = n -> false;
    /** While set, every send is stored but its acknowledgement waits for this to complete. */
    volatile CompletableFuture<Void> holdAcks;
    private final AtomicInteger sends = new AtomicInteger();

    @Override
    public String endpoint() {
        return "memory";
    }

    @Override
    public OutboundChannel outbound(String bus) {
        return (type, origin, sequence, previous, frame) -> {
            if (refuseSends) {
                throw new TransportException("memory transport refuses sends");
            }
            int n = sends.getAndIncrement();
            store(subject(bus, type), Long.toHexString(origin) + "-" + sequence, frame);
            if (failAck.test(n)) {
                return CompletableFuture.failedFuture(new TransportException("ack " + n + " lost"));
            }
            CompletableFuture<Void> held = holdAcks;
            return held != null ? held : CompletableFuture.completedFuture(null);
        };
    }

    /** Stores a message as a publisher would, with no message id (no duplicate removal). */
    void publishRaw(String bus, String subject, byte[] bytes) {
        synchronized (lock) {
            logs.computeIfAbsent(bus, b -> new ArrayList<>()).add(new Stored(subject, bytes));
        }
    }

    private void store(String subject, String messageId, byte[] frame) {
        String bus = subject.split("\\.")[1];
        synchronized (lock) {
            if (messageIds.add(messageId)) {
                logs.computeIfAbsent(bus, b -> new ArrayList<>()).add(new Stored(subject, frame));
            }
        }
    }

    static String subject(String bus, EventType type) {
        return "mem." + bus + "." + type.name().toLowerCase(Locale.ROOT);
    }

    /** How many messages the log of {@code bus} holds. */
    int stored(String bus) {
        synchronized (lock) {
            return logs.getOrDefault(bus, List.of()).size();
        }
    }

    /** The messages the log of {@code bus} holds, in order. */
    List<Stored> messages(String bus) {
        synchronized (lock) {
            return List.copyOf(logs.getOrDefault(bus, List.of()));
        }
    }

    /** How many frames the log of {@code bus} holds, batches unpacked. */
    int storedFrames(String bus) {
        return messages(bus).stream().mapToInt(m -> WireMessage.frames(m.bytes()).size()).sum();
    }

    @Override
    public InboundChannel inbound(String remoteBus, String consumer) {
        return new InboundChannel() {
            private volatile long lag = -1;

            @Override
            public int poll(int maxFrames, Duration maxWait, InboundReceiver receiver) throws InterruptedException {
                List<Stored> batch;
                int from;
                synchronized (lock) {
                    List<Stored> log = logs.getOrDefault(remoteBus, List.of());
                    from = positions.getOrDefault(consumer, 0);
                    batch = new ArrayList<>(log.subList(from, Math.min(log.size(), from + maxFrames)));
                    lag = log.size() - from - batch.size();
                }
                if (batch.isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(1); // the engine's wait for more, shortened
                    return 0;
                }
                for (Stored stored : batch) {
                    receiver.receive(stored.subject(), stored.bytes());
                    if (deliverTwice) {
                        receiver.receive(stored.subject(), stored.bytes());
                    }
                }
                synchronized (lock) {
                    positions.put(consumer, from + batch.size());
                }
                return batch.size();
            }

            @Override
            public long lag() {
                return lag;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long reconnects() {
        return 0;
    }

    @Override
    public void close() {
    }
}
