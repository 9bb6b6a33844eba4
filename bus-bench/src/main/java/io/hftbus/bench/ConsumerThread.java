package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.core.idle.IdleStrategy;
import io.hftbus.core.idle.WakeableSleeper;
import java.util.concurrent.TimeUnit;

/**
 * A thread that takes events from some source and hands each to every receiver, waiting by the
 * family's idle strategy when the source is empty ({@link Idlers}): the consumer of the queue
 * peers, and the application thread of the pull topologies.
 */
public abstract class ConsumerThread implements Runnable {

    private final Receiver[] receivers;
    private final IdleStrategy idle;
    private final WakeableSleeper sleeper;
    private final String name;
    private Thread thread;
    private volatile boolean running = true;

    /**
     * A consumer; {@link #start()} starts it. The sleeper's condition captures {@code this}, but it
     * is evaluated only on the consumer thread, which {@link #start()} creates after construction.
     */
    @SuppressWarnings("this-escape")
    protected ConsumerThread(String name, Receiver[] receivers, Waiting waiting) {
        this.receivers = receivers.clone();
        this.name = name;
        // The last look before parking: work, or being stopped.
        this.sleeper = new WakeableSleeper(() -> hasWork() || !running, Idlers.PARK_SAFETY_NANOS);
        this.idle = Idlers.of(waiting, sleeper);
    }

    /**
     * Takes what is ready and hands it to {@link #deliver}; false if nothing was. Called on the
     * consumer thread only.
     */
    protected abstract boolean takeAndDeliver();

    /** Hands one event to every receiver, in order. */
    protected final void deliver(MarketDataEvent event) {
        for (Receiver receiver : receivers) {
            receiver.onEvent(event);
        }
    }

    /** Whether an event is ready; the last look before the thread parks. Must read with acquire. */
    protected abstract boolean hasWork();

    /**
     * Called by a publisher after its event is visible to the consumer (after a CAS or volatile
     * write): wakes the thread if it parked; a volatile read while it is awake.
     */
    public final void wake() {
        sleeper.wake();
    }

    /** Starts the thread. */
    public final void start() {
        // Made here rather than in the constructor, so that no thread sees a half-built subclass.
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public final void run() {
        while (running) {
            if (takeAndDeliver()) {
                idle.reset();
            } else {
                idle.idle();
            }
        }
    }

    /** Stops the thread and waits for it. */
    public final void stop() {
        running = false;
        sleeper.wake();
        thread.interrupt();
        try {
            TimeUnit.SECONDS.timedJoin(thread, 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
