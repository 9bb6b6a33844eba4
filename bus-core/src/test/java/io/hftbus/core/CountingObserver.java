package io.hftbus.core;

import io.hftbus.api.BusObserver;
import io.hftbus.api.DropReason;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Subscription;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every observer callback, per subscription where there is one. Allocates: tests only. */
public final class CountingObserver implements BusObserver {

    final AtomicLong published = new AtomicLong();
    final AtomicLong handlerFailures = new AtomicLong();
    final Map<DropReason, AtomicLong> droppedWithoutSubscriber = new EnumMap<>(DropReason.class);
    final Map<Subscription, AtomicLong> delivered = new ConcurrentHashMap<>();
    final Map<Subscription, AtomicLong> droppedForSubscriber = new ConcurrentHashMap<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile EventBus attached;

    CountingObserver() {
        for (DropReason reason : DropReason.values()) {
            droppedWithoutSubscriber.put(reason, new AtomicLong());
        }
    }

    @Override
    public void onAttached(EventBus bus) {
        attached = bus;
    }

    @Override
    public void onPublished(Envelope<?> envelope) {
        published.incrementAndGet();
    }

    @Override
    public void onDelivered(Envelope<?> envelope, Subscription subscription, long deliveredNanos) {
        delivered.computeIfAbsent(subscription, s -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void onDropped(Envelope<?> envelope, Subscription subscription, DropReason reason) {
        if (subscription == null) {
            droppedWithoutSubscriber.get(reason).incrementAndGet();
        } else {
            droppedForSubscriber.computeIfAbsent(subscription, s -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void onHandlerFailed(Envelope<?> envelope, Subscription subscription, Throwable failure) {
        handlerFailures.incrementAndGet();
    }

    @Override
    public void onClosed(EventBus bus) {
        closed.countDown();
    }

    long delivered(Subscription subscription) {
        AtomicLong count = delivered.get(subscription);
        return count == null ? 0 : count.get();
    }

    long dropped(Subscription subscription) {
        AtomicLong count = droppedForSubscriber.get(subscription);
        return count == null ? 0 : count.get();
    }

    long droppedWithoutSubscriber(DropReason reason) {
        return droppedWithoutSubscriber.get(reason).get();
    }
}
