package io.hftbus.core.internal;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * Records every observer callback by sequence, to check the accounting contract: per
 * subscription, every envelope published while it is subscribed ends in exactly one delivery or
 * one drop (for it, or for all subscribers with a null subscription).
 */
final class AccountingObserver implements BusObserver {

    /** Sequence to event type, for every onPublished. */
    final Map<Long, EventType> published = new ConcurrentHashMap<>();
    /** Sequences dropped for every subscriber (null subscription), with the reason. */
    final Map<Long, DropReason> droppedForAll = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> duplicateDropsForAll = new ConcurrentLinkedQueue<>();
    final Map<Subscription, ConcurrentLinkedQueue<Long>> delivered = new ConcurrentHashMap<>();
    final Map<Subscription, ConcurrentLinkedQueue<Long>> droppedFor = new ConcurrentHashMap<>();
    final Map<Subscription, ConcurrentLinkedQueue<DropReason>> dropReasonsFor = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Throwable> handlerFailures = new ConcurrentLinkedQueue<>();
    final AtomicInteger attached = new AtomicInteger();
    final AtomicInteger closedCalls = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicLong laneFull = new AtomicLong();
    final AtomicLong busClosed = new AtomicLong();
    final AtomicLong streamLagging = new AtomicLong();

    @Override
    public void onAttached(EventBus bus) {
        attached.incrementAndGet();
    }

    @Override
    public void onPublished(Envelope<?> envelope) {
        published.put(envelope.sequence(), envelope.type());
    }

    @Override
    public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
        delivered.computeIfAbsent(subscription, s -> new ConcurrentLinkedQueue<>()).add(envelope.sequence());
    }

    @Override
    public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        switch (reason) {
            case LANE_FULL -> laneFull.incrementAndGet();
            case BUS_CLOSED -> busClosed.incrementAndGet();
            case STREAM_LAGGING -> streamLagging.incrementAndGet();
            default -> throw new AssertionError(reason);
        }
        if (subscription == null) {
            if (droppedForAll.putIfAbsent(envelope.sequence(), reason) != null) {
                duplicateDropsForAll.add(envelope.sequence());
            }
        } else {
            droppedFor.computeIfAbsent(subscription, s -> new ConcurrentLinkedQueue<>()).add(envelope.sequence());
            dropReasonsFor.computeIfAbsent(subscription, s -> new ConcurrentLinkedQueue<>()).add(reason);
        }
    }

    @Override
    public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
        handlerFailures.add(failure);
    }

    @Override
    public void onClosed(EventBus bus) {
        closedCalls.incrementAndGet();
        closed.countDown();
    }

    List<Long> deliveredTo(Subscription subscription) {
        return new ArrayList<>(delivered.getOrDefault(subscription, new ConcurrentLinkedQueue<>()));
    }

    List<Long> droppedFor(Subscription subscription) {
        return new ArrayList<>(droppedFor.getOrDefault(subscription, new ConcurrentLinkedQueue<>()));
    }

    /**
     * How each published sequence of the given types that the subscription is owed ended for it:
     * the problems found, empty when every one ended in exactly one delivery or drop.
     */
    List<String> accountingProblems(Subscription subscription, Set<EventType> types, LongPredicate owed) {
        int size = published.keySet().stream().mapToInt(Long::intValue).max().orElse(-1) + 1;
        int[] outcomes = new int[size];
        for (long sequence : deliveredTo(subscription)) {
            outcomes[(int) sequence]++;
        }
        for (long sequence : droppedFor(subscription)) {
            outcomes[(int) sequence]++;
        }
        for (Long sequence : droppedForAll.keySet()) {
            outcomes[sequence.intValue()]++;
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Long, EventType> entry : published.entrySet()) {
            long sequence = entry.getKey();
            if (!types.contains(entry.getValue()) || !owed.test(sequence)) {
                continue;
            }
            int count = outcomes[(int) sequence];
            if (count != 1) {
                problems.add(subscription.name() + ": sequence " + sequence + " ended " + count + " times");
            }
        }
        return problems;
    }
}
