package io.hftbus.core.internal;

import static io.hftbus.core.internal.BusFixtures.lanePositions;
import static io.hftbus.testing.SampleEvents.health;
import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BackpressureException;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.BusClosedException;
import io.hftbus.api.DispatchMode;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventBusBuilder;
import io.hftbus.api.EventStream;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.WaitStrategy;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.core.internal.BusFixtures.RecordingThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded chaos: publishers on every lane and policy, threads subscribing and unsubscribing handlers
 * and streams at random (also from inside a handler), and one thread closing the bus at a random
 * moment. At the end, for every subscription:
 * <ul>
 *   <li>each event at most once, only of its types, in publish order per publisher;</li>
 *   <li>nothing its lane accepted before {@code subscribe} was called, nothing accepted after
 *       {@code unsubscribe} returned;</li>
 *   <li>every event its lane accepted after {@code subscribe} returned and before
 *       {@code unsubscribe} was called (for those alive the whole run: every event published) ended
 *       in exactly one delivery or one drop: published = delivered + dropped;</li>
 * </ul>
 * Boundaries are lane positions (what each lane had accepted), read before and after each
 * subscribe and unsubscribe; an envelope's position is its index in its lane's dispatch order, as
 * the whole-run all-types handler saw it.
 * and for the run: every thread ends within a deadline (no deadlock), close drains cleanly, no
 * dispatch thread is alive once close has returned, and nothing accepted is reported lost.
 *
 * <p>The seed picks the operations and the moment of the close; the interleaving is the machine's.
 * Reproduce with {@code -Dchaos.seed=N} and lengthen with {@code -Dchaos.millis=N}.
 */
@Timeout(60)
class ChaosTest {

    private static final int PUBLISHERS = 4;
    private static final int CHURNERS = 2;
    private static final int MAX_EVENTS_PER_PUBLISHER = 20_000;
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final long[] NEVER = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};

    /** One subscription as the test sees it, with the lane positions bracketing its life. */
    private static final class Tracked {
        final String name;
        final Set<EventType> types;
        final ConcurrentLinkedQueue<Envelope<?>> received = new ConcurrentLinkedQueue<>();
        volatile Subscription subscription;
        EventStream<?> stream;
        long[] beforeSubscribe;
        long[] afterSubscribe;
        volatile long[] beforeUnsubscribe = NEVER;
        volatile long[] afterUnsubscribe = NEVER;

        Tracked(String name, Set<EventType> types) {
            this.name = name;
            this.types = types;
        }

        void drainStream() {
            if (stream != null) {
                Envelope<?> envelope;
                while ((envelope = stream.poll()) != null) {
                    received.add(envelope);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomPublishSubscribeUnsubscribeAndCloseLoseNothingAndEndWithinTheDeadline(long defaultSeed)
            throws Exception {
        long seed = Long.getLong("chaos.seed", defaultSeed);
        long runMillis = Long.getLong("chaos.millis", 400);
        Random random = new Random(seed);
        DispatchMode mode = seed % 2 == 0 ? DispatchMode.SINGLE_THREAD : DispatchMode.THREAD_PER_LANE;
        WaitStrategy strategy = seed % 3 == 0 ? WaitStrategy.BLOCKING : WaitStrategy.BACKOFF;
        String context = "seed " + seed + " (" + mode + ", " + strategy + ")";

        AccountingObserver observer = new AccountingObserver();
        RecordingThreadFactory dispatchThreads = new RecordingThreadFactory("chaos-" + seed);
        EventBusBuilder builder = new EventBusBuilder().name("chaos-" + seed).observer(observer)
                .dispatchMode(mode).waitStrategy(strategy).threadFactory(dispatchThreads)
                .blockTimeout(Duration.ofSeconds(5)).shutdownTimeout(DEADLINE)
                .laneCapacity(Priority.CRITICAL, 64).backpressure(Priority.CRITICAL, BackpressurePolicy.BLOCK)
                .laneCapacity(Priority.HIGH, 32).backpressure(Priority.HIGH, BackpressurePolicy.DROP_NEWEST)
                .laneCapacity(Priority.NORMAL, 32).backpressure(Priority.NORMAL, BackpressurePolicy.FAIL_FAST)
                .laneCapacity(Priority.LOW, 16).backpressure(Priority.LOW, BackpressurePolicy.BLOCK);
        CoreEventBus bus = new CoreEventBus(builder.config());

        List<Tracked> tracked = new CopyOnWriteArrayList<>();
        // Alive the whole run: subscribed before the first publish, never unsubscribed.
        Tracked ticks = handler(bus, tracked, "whole-run-ticks", MarketDataEvent.class);
        Tracked all = subscribeAll(bus, tracked, "whole-run-all");
        Tracked lagging = stream(bus, tracked, "whole-run-lagging-health", HealthEvent.class, 4);
        Tracked taken = stream(bus, tracked, "whole-run-taken-ticks", MarketDataEvent.class, 256);
        // Unsubscribes itself from inside its handler after a while.
        Tracked quitter = new Tracked("self-unsubscriber", EnumSet.allOf(EventType.class));
        AtomicInteger quitterCalls = new AtomicInteger();
        quitter.beforeSubscribe = lanePositions(bus);
        quitter.subscription = bus.subscribeAll("self-unsubscriber", e -> {
            quitter.received.add(e);
            if (quitterCalls.incrementAndGet() == 500) {
                quitter.beforeUnsubscribe = lanePositions(bus);
                quitter.subscription.unsubscribe();
                quitter.afterUnsubscribe = lanePositions(bus);
            }
        });
        quitter.afterSubscribe = lanePositions(bus);
        tracked.add(quitter);

        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();

        for (int p = 0; p < PUBLISHERS; p++) {
            String publisher = "P" + p;
            Priority lane = Priority.ofOrdinal(p % Priority.count());
            Random own = new Random(random.nextLong());
            threads.add(new Thread(() -> {
                try {
                    for (long counter = 0; counter < MAX_EVENTS_PER_PUBLISHER; counter++) {
                        Event event = own.nextInt(4) == 0 ? health(publisher, counter) : tick(publisher, counter);
                        try {
                            long sequence = bus.publish(event, lane);
                            count(outcomes, sequence == EventBus.NOT_ACCEPTED ? "dropped" : "accepted");
                            if (sequence != EventBus.NOT_ACCEPTED) {
                                accepted.add(sequence);
                            }
                        } catch (BackpressureException refused) {
                            count(outcomes, "refused " + refused.refusal());
                        }
                        if (own.nextInt(64) == 0) {
                            Thread.yield();
                        }
                    }
                } catch (BusClosedException closed) {
                    count(outcomes, "closed");
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }, "chaos-publisher-" + p));
        }

        for (int c = 0; c < CHURNERS; c++) {
            Random own = new Random(random.nextLong());
            String churner = "C" + c;
            threads.add(new Thread(() -> {
                List<Tracked> mine = new ArrayList<>();
                try {
                    for (int op = 0; ; op++) {
                        int choice = own.nextInt(10);
                        if (mine.size() > 12) {
                            choice = 7;
                        }
                        String name = churner + "-" + op;
                        if (choice < 3) {
                            mine.add(handler(bus, tracked, name, own.nextBoolean() ? MarketDataEvent.class
                                    : HealthEvent.class));
                        } else if (choice < 4) {
                            mine.add(subscribeAll(bus, tracked, name));
                        } else if (choice < 6) {
                            mine.add(stream(bus, tracked, name, own.nextBoolean() ? MarketDataEvent.class
                                    : HealthEvent.class, 2 << own.nextInt(8)));
                        } else if (choice < 8 && !mine.isEmpty()) {
                            Tracked victim = mine.remove(own.nextInt(mine.size()));
                            victim.beforeUnsubscribe = lanePositions(bus);
                            victim.subscription.unsubscribe();
                            victim.afterUnsubscribe = lanePositions(bus);
                        } else {
                            for (Tracked t : mine) {
                                t.drainStream();
                            }
                        }
                        if (bus.isClosed() && op % 16 == 0) {
                            // Once closed, subscribing must fail: go on until it does.
                            handler(bus, tracked, name + "-after-close", MarketDataEvent.class);
                        }
                        // Chaos pacing: spreads the churn over the run.
                        LockSupport.parkNanos(own.nextInt(3_000_000));
                    }
                } catch (BusClosedException closed) {
                    count(outcomes, "subscribe refused after close");
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }, "chaos-churner-" + c));
        }

        EventStream<?> takenStream = taken.stream;
        taken.stream = null; // drained by its taker, not at the end
        Thread taker = new Thread(() -> {
            try {
                Envelope<?> envelope;
                while ((envelope = takenStream.take()) != null) {
                    taken.received.add(envelope);
                }
            } catch (Throwable t) {
                unexpected.add(t);
            }
        }, "chaos-taker");
        threads.add(taker);

        long closeAfterMillis = runMillis / 4 + random.nextInt((int) runMillis);
        boolean[] closedCleanly = new boolean[1];
        boolean[] dispatchAliveAfterClose = new boolean[1];
        threads.add(new Thread(() -> {
            try {
                // Chaos timing, not a wait for a result: the seed decides when the close comes.
                Thread.sleep(closeAfterMillis);
                closedCleanly[0] = bus.close(DEADLINE);
                dispatchAliveAfterClose[0] = dispatchThreads.threads.stream().anyMatch(Thread::isAlive);
            } catch (Throwable t) {
                unexpected.add(t);
            }
        }, "chaos-closer"));

        for (Thread thread : threads) {
            thread.setDaemon(true);
            thread.start();
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (Thread thread : threads) {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
        }

        assertThat(threads.stream().filter(Thread::isAlive).map(Thread::getName))
                .as("threads still running after %s: deadlock? %s", DEADLINE, context).isEmpty();
        assertThat(unexpected).as("unexpected failures, %s", context).isEmpty();
        assertThat(closedCleanly[0]).as("close drained cleanly, %s", context).isTrue();
        assertThat(dispatchAliveAfterClose[0]).as("a dispatch thread alive after close returned, %s", context)
                .isFalse();
        assertThat(observer.closedCalls).hasValue(1);
        assertThat(observer.duplicateDropsForAll).isEmpty();
        assertThat(takenStream.isEndOfStream()).isTrue();
        // A clean close drops nothing it accepted: a BUS_CLOSED drop is only ever the envelope of a
        // publish that the close refused (it threw BusClosedException), at most one per publisher.
        long closedAtPublishers = outcomes.getOrDefault("closed", new AtomicLong()).get();
        observer.droppedForAll.forEach((sequence, reason) -> {
            if (reason == DropReason.BUS_CLOSED) {
                assertThat(accepted).as("BUS_CLOSED drop of an accepted envelope, %s", context)
                        .doesNotContain(sequence);
            }
        });
        assertThat(observer.busClosed.get()).as("BUS_CLOSED drops, %s", context).isLessThanOrEqualTo(closedAtPublishers);

        long checkStarted = System.nanoTime();
        List<LaneOrder> laneOrders = new ArrayList<>();
        Map<Long, Long> positions = new HashMap<>();
        Map<Long, Integer> lanes = new HashMap<>();
        for (Priority lane : Priority.values()) {
            List<Envelope<?>> inLane = all.received.stream().filter(e -> e.priority() == lane).toList();
            laneOrders.add(new LaneOrder(lane, inLane.stream().mapToLong(Envelope::sequence).toArray(),
                    inLane.stream().mapToInt(e -> e.type().ordinal()).toArray()));
            for (int i = 0; i < inLane.size(); i++) {
                positions.put(inLane.get(i).sequence(), (long) i);
                lanes.put(inLane.get(i).sequence(), lane.ordinal());
            }
        }
        BitSet acceptedSet = new BitSet();
        accepted.forEach(sequence -> acceptedSet.set(sequence.intValue()));
        assertThat(positions.keySet()).as("the whole-run handler got every accepted event, %s", context)
                .containsExactlyInAnyOrderElementsOf(accepted);
        List<String> problems = new ArrayList<>();
        for (Tracked t : tracked) {
            t.drainStream();
            checkSubscription(t, observer, acceptedSet, laneOrders, positions, lanes, problems);
        }
        assertThat(problems).as("%s", context).isEmpty();
        for (Tracked t : List.of(ticks, all, lagging, taken)) {
            assertThat(observer.accountingProblems(t.subscription, t.types, sequence -> true))
                    .as("published = delivered + dropped for %s, %s", t.name, context).isEmpty();
        }
        // Every announced envelope is accounted for by exactly one outcome at its publisher (a
        // publish the close refused after announcing it counts as "closed").
        long settledAtPublishers = outcomes.entrySet().stream().filter(e -> !e.getKey().startsWith("closed")
                && !e.getKey().startsWith("subscribe")).mapToLong(e -> e.getValue().get()).sum();
        assertThat((long) observer.published.size()).as("announced, %s: %s", context, outcomes)
                .isEqualTo(settledAtPublishers + observer.busClosed.get());
        assertThat(accepted).as("events accepted, %s", context).isNotEmpty();
        System.out.printf("chaos %s: %d published, %s, %d subscriptions, lagged %d; checked in %d ms%n", context,
                observer.published.size(), outcomes, tracked.size(), observer.streamLagging.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checkStarted));
    }

    /** One lane's dispatch order: sequences and event type ordinals, as the whole-run handler saw them. */
    private record LaneOrder(Priority lane, long[] sequences, int[] types) {
    }

    /** Checks one subscription; adds what is wrong to {@code problems}. Linear in the events, no boxing. */
    private static void checkSubscription(Tracked t, AccountingObserver observer, BitSet accepted,
                                          List<LaneOrder> laneOrders, Map<Long, Long> positions,
                                          Map<Long, Integer> lanes, List<String> problems) {
        boolean[] ofItsTypes = new boolean[EventType.count()];
        for (EventType type : t.types) {
            ofItsTypes[type.ordinal()] = true;
        }
        BitSet delivered = new BitSet();
        Map<String, Long> lastPerPublisher = new HashMap<>();
        for (Envelope<?> envelope : t.received) {
            long sequence = envelope.sequence();
            String where = t.name + " got sequence " + sequence;
            if (delivered.get((int) sequence)) {
                problems.add(where + " twice");
            }
            delivered.set((int) sequence);
            if (!accepted.get((int) sequence)) {
                problems.add(where + ", which was not accepted");
            }
            if (!ofItsTypes[envelope.type().ordinal()]) {
                problems.add(where + " of type " + envelope.type());
            }
            int lane = envelope.priority().ordinal();
            long position = positions.getOrDefault(sequence, -1L);
            if (position < t.beforeSubscribe[lane]) {
                problems.add(where + " at position " + position + " of lane " + envelope.priority()
                        + ", accepted before subscribe was called (" + t.beforeSubscribe[lane] + ")");
            }
            if (position >= t.afterUnsubscribe[lane]) {
                problems.add(where + " at position " + position + " of lane " + envelope.priority()
                        + ", accepted after unsubscribe returned (" + t.afterUnsubscribe[lane] + ")");
            }
            String publisher = envelope.event() instanceof MarketDataEvent tick ? tick.symbol()
                    : ((HealthEvent) envelope.event()).component();
            Long previous = lastPerPublisher.put(publisher, envelope.event().timestamp());
            if (previous != null && envelope.event().timestamp() <= previous) {
                problems.add(where + " out of order for publisher " + publisher + ": " + envelope.event().timestamp()
                        + " after " + previous);
            }
        }
        BitSet reported = new BitSet();
        for (long sequence : observer.deliveredTo(t.subscription)) {
            reported.set((int) sequence);
        }
        if (!reported.equals(delivered)) {
            problems.add(t.name + ": the observer saw other deliveries than the subscriber");
        }
        // Every event of its types claimed after subscribe returned ends for it, delivered or dropped,
        // until it unsubscribed, with no gap: in each lane's dispatch order, the events that ended for
        // it form an unbroken run from the first. Never unsubscribed, the run is the whole lane.
        BitSet ended = (BitSet) delivered.clone();
        for (long sequence : observer.droppedFor(t.subscription)) {
            if (ended.get((int) sequence)) {
                problems.add(t.name + ": sequence " + sequence + " both delivered and dropped");
            }
            ended.set((int) sequence);
        }
        boolean neverUnsubscribed = t.beforeUnsubscribe == NEVER;
        for (LaneOrder order : laneOrders) {
            long missing = -1;
            for (int i = 0; i < order.sequences.length; i++) {
                long sequence = order.sequences[i];
                if (i < t.afterSubscribe[order.lane.ordinal()] || !ofItsTypes[order.types[i]]) {
                    continue;
                }
                boolean got = ended.get((int) sequence);
                if (!got && missing < 0) {
                    missing = sequence;
                    if (neverUnsubscribed) {
                        problems.add(t.name + ", never unsubscribed, missed sequence " + sequence + " in lane "
                                + order.lane);
                    }
                } else if (got && missing >= 0) {
                    problems.add(t.name + ": lane " + order.lane + " resumed with sequence " + sequence
                            + " after missing " + missing);
                    break;
                }
            }
        }
        if (neverUnsubscribed) {
            // Owed: what its lanes accepted after subscribe returned (refused envelopes entered no lane).
            problems.addAll(observer.accountingProblems(t.subscription, t.types, sequence -> {
                Long position = positions.get(sequence);
                return position != null && position >= t.afterSubscribe[lanes.get(sequence)];
            }));
        }
    }

    private static void count(Map<String, AtomicLong> outcomes, String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private static Tracked handler(CoreEventBus bus, List<Tracked> tracked, String name, Class<? extends Event> type) {
        Tracked t = new Tracked(name, Set.of(EventType.of(type)));
        t.beforeSubscribe = lanePositions(bus);
        t.subscription = bus.subscribe(name, type, e -> t.received.add(e));
        t.afterSubscribe = lanePositions(bus);
        tracked.add(t);
        return t;
    }

    private static Tracked subscribeAll(CoreEventBus bus, List<Tracked> tracked, String name) {
        Tracked t = new Tracked(name, EnumSet.allOf(EventType.class));
        t.beforeSubscribe = lanePositions(bus);
        t.subscription = bus.subscribeAll(name, e -> t.received.add(e));
        t.afterSubscribe = lanePositions(bus);
        tracked.add(t);
        return t;
    }

    private static Tracked stream(CoreEventBus bus, List<Tracked> tracked, String name, Class<? extends Event> type,
                                  int capacity) {
        Tracked t = new Tracked(name, Set.of(EventType.of(type)));
        t.beforeSubscribe = lanePositions(bus);
        EventStream<?> stream = bus.stream(name, type, capacity);
        t.afterSubscribe = lanePositions(bus);
        t.subscription = stream;
        t.stream = stream;
        tracked.add(t);
        return t;
    }
}
