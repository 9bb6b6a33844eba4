package io.hftbus.flow;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.Event;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A subscriber that records every signal, and every breach of the rules a publisher owes it: a
 * signal while another is still running (rule 1.3), a signal before {@code onSubscribe} or after a
 * terminal one (rules 1.7, 1.9), an {@code onNext} beyond what was requested (rule 1.1).
 */
class RecordingSubscriber<E extends Event> implements Flow.Subscriber<Envelope<E>> {

    final List<Envelope<E>> received = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Set<Thread> signallingThreads = ConcurrentHashMap.newKeySet();
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch terminated = new CountDownLatch(1);
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean inSignal = new AtomicBoolean();
    private final AtomicLong requested = new AtomicLong();
    private final long initialRequest;
    private volatile Flow.Subscription subscription;

    /** A subscriber that requests {@code initialRequest} in {@code onSubscribe} (none if 0). */
    RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    FlowSubscription<E> subscription() {
        @SuppressWarnings("unchecked")
        FlowSubscription<E> flowSubscription = (FlowSubscription<E>) subscription;
        return flowSubscription;
    }

    void request(long n) {
        requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        subscription.request(n);
    }

    private void enter(String signal) {
        signallingThreads.add(Thread.currentThread());
        if (!inSignal.compareAndSet(false, true)) {
            violations.add(signal + " while another signal was running");
        }
        if (terminated.getCount() == 0) {
            violations.add(signal + " after the terminal signal");
        }
        if (!signal.equals("onSubscribe") && subscribed.getCount() != 0) {
            violations.add(signal + " before onSubscribe");
        }
    }

    private void leave() {
        inSignal.set(false);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        enter("onSubscribe");
        this.subscription = subscription;
        subscribed.countDown();
        if (initialRequest > 0) {
            request(initialRequest);
        }
        leave();
    }

    @Override
    public void onNext(Envelope<E> envelope) {
        enter("onNext");
        received.add(envelope);
        if (received.size() > requested.get()) {
            violations.add("onNext #" + received.size() + " beyond the " + requested.get() + " requested");
        }
        onNextHook(envelope);
        leave();
    }

    /** Called inside {@code onNext}; for subclasses. */
    void onNextHook(Envelope<E> envelope) {
    }

    @Override
    public void onError(Throwable throwable) {
        enter("onError");
        error.set(throwable);
        terminated.countDown();
        leave();
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        completed.set(true);
        terminated.countDown();
        leave();
    }
}
