package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;
import java.util.concurrent.TimeUnit;

/**
 * A thread that takes events from some source and hands each to every receiver, waiting with an
 * {@link Idler} when the source is empty: the consumer of the queue peers, and the application
 * thread of the pull topologies.
 */
public abstract class ConsumerThread implements Runnable {

    private final Receiver[] receivers;
    private final Idler idler;
    private final String name;
    private Thread thread;
    private volatile boolean running = true;

    /** A consumer; {@link #start()} starts it. */
    protected ConsumerThread(String name, Receiver[] receivers, Idler idler) {
        this.receivers = receivers.clone();
        this.idler = idler;
        this.name = name;
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

    /** Whether an event is ready; the idler's last look before it parks. */
    protected abstract boolean hasWork();

    /** Starts the thread. */
    public final void start() {
        // Made here rather than in the constructor, so that no thread sees a half-built subclass.
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public final void run() {
        int rounds = 0;
        while (running) {
            if (takeAndDeliver()) {
                rounds = 0;
            } else {
                rounds = idler.idle(rounds, this::hasWork);
            }
        }
    }

    /** Stops the thread and waits for it. */
    public final void stop() {
        running = false;
        idler.wake();
        thread.interrupt();
        try {
            TimeUnit.SECONDS.timedJoin(thread, 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
