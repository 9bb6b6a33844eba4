package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.ExclusivePublisher;
import io.hftbus.api.Priority;
import io.hftbus.api.Subscription;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.HealthEvent;
import io.hftbus.api.event.HealthStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The market-data engine: publishes a {@link MarketFeed} onto the bus, paced, with flow control.
 *
 * <p><b>Pacing.</b> {@link Pace#REALTIME} releases each event when as much wall time has passed
 * since the first event as simulated time has (so a journal replays at its recorded pace);
 * {@link Pace#MAX} publishes as fast as the pipeline takes it, for backtests.
 *
 * <p><b>Flow control.</b> Before each event the engine waits until fewer than {@code window}
 * envelopes wait in the CRITICAL, HIGH and NORMAL lanes together. The stages publish downstream from
 * the dispatch thread, which serves the market-data lane first; without a window a fast feed would
 * fill the NORMAL lane faster than the dispatch thread could drain it, and a handler blocked on a
 * full lane that only its own thread drains cannot make progress. With a window far below the lane
 * capacity, no lane fills and no market data is dropped. Lane depths are estimates under load; the
 * window only needs them to be roughly right, and a stale reading costs at most a few extra events
 * in flight.
 *
 * <p>Runs on the thread that calls {@link #run}; {@link #stop()} and the counters are safe from any
 * thread.
 */
public final class MarketDataEngine {

    /** How fast the feed is released. */
    public enum Pace {
        /** Simulated time runs as fast as wall time. */
        REALTIME,
        /** As fast as the pipeline accepts it. */
        MAX
    }

    /** The stage name in dashboards and health events. */
    public static final String NAME = "market-data";

    private final EventBus bus;
    private final MarketFeed feed;
    private final Pace pace;
    private final int window;
    // Written by the engine's thread only (release stores), read by the monitor's thread.
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong books = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long lastTimestamp = -1;
    private volatile boolean stopRequested;
    private volatile boolean finished;

    /**
     * @param bus    where to publish
     * @param feed   what to publish
     * @param pace   how fast
     * @param window most envelopes in flight in the CRITICAL, HIGH and NORMAL lanes, positive
     */
    public MarketDataEngine(EventBus bus, MarketFeed feed, Pace pace, int window) {
        if (window <= 0) {
            throw new IllegalArgumentException("window must be > 0 but was " + window);
        }
        this.bus = bus;
        this.feed = feed;
        this.pace = pace;
        this.window = window;
    }

    /**
     * Publishes until {@code maxTicks} market-data events are out, {@code maxDuration} of wall time
     * has passed, the feed ends, or {@link #stop()} is called, whichever comes first.
     *
     * @param maxTicks    the most market-data events to publish, positive, or {@code Long.MAX_VALUE}
     * @param maxDuration the longest run, or {@code null} for no limit
     * @return market-data events published
     */
    public long run(long maxTicks, Duration maxDuration) {
        // The feed is one thread publishing a lot: the fastest way in that fits it is a publisher of its
        // own, which claims no shared sequence per event. Not a batch: events go out one at a time, paced
        // and flow-controlled. Stamped, since the dashboard shows the bus's latency.
        ExclusivePublisher publisher = bus.exclusivePublisher(NAME);
        long startWall = System.nanoTime();
        long deadline = maxDuration == null ? Long.MAX_VALUE : startWall + maxDuration.toNanos();
        long firstEventNanos = -1;
        try {
            while (!stopRequested && ticks.getPlain() < maxTicks) {
                Event event = feed.next();
                if (event == null) {
                    break;
                }
                if (firstEventNanos < 0) {
                    firstEventNanos = event.timestamp();
                }
                if (pace == Pace.REALTIME && !awaitDue(startWall + (event.timestamp() - firstEventNanos), deadline)) {
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
                if (!awaitWindow()) {
                    break;
                }
                if (publisher.publish(event) == EventBus.NOT_ACCEPTED) {
                    dropped.setRelease(dropped.getPlain() + 1);
                }
                lastTimestamp = event.timestamp();
                AtomicLong counter = event.type() == EventType.MARKET_DATA ? ticks : books;
                counter.setRelease(counter.getPlain() + 1);
            }
        } finally {
            finished = true;
        }
        return ticks.getPlain();
    }

    /**
     * Waits until {@code dueNanos}; false if the deadline or a stop comes first. It parks rather than
     * spins, leaving the cores to the dispatch thread: the timer's slack (tens of microseconds)
     * makes events a little late and released a few at a time, which changes their timestamps not
     * at all and the bus's measured latency not at all (it starts at {@code publish}).
     */
    private boolean awaitDue(long dueNanos, long deadline) {
        while (true) {
            long now = System.nanoTime();
            long wait = dueNanos - now;
            if (wait <= 0) {
                return true;
            }
            if (stopRequested || now - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, 1_000_000L));
        }
    }

    /** Waits for room in the window; false if a stop came first. */
    private boolean awaitWindow() {
        int rounds = 0;
        while (inFlight() >= window) {
            if (stopRequested) {
                return false;
            }
            if (rounds < 100) {
                Thread.onSpinWait();
            } else if (rounds < 200) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000L);
            }
            rounds++;
        }
        return true;
    }

    private int inFlight() {
        return bus.laneDepth(Priority.CRITICAL) + bus.laneDepth(Priority.HIGH) + bus.laneDepth(Priority.NORMAL);
    }

    /**
     * Waits until the pipeline has finished with everything the feed published, so that the bus
     * can be closed without refusing what the stages still had to publish ({@code close()} stops
     * accepting at once, also from handlers). Call after {@link #run} has returned.
     *
     * <p>How: it publishes an end-of-feed {@link HealthEvent} in the LOW lane and waits for its
     * delivery. The dispatch thread serves lanes in strict priority order, so when it takes that
     * event the CRITICAL, HIGH and NORMAL lanes are empty and no handler is running; and with the
     * feed stopped, only handlers publish into those lanes.
     *
     * @return whether the pipeline drained within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthEvent marker = new HealthEvent(Math.max(0, lastTimestamp), NAME, HealthStatus.HEALTHY,
                "end of feed after " + ticks.get() + " market-data events");
        CountDownLatch seen = new CountDownLatch(1);
        Subscription watch = bus.subscribe(NAME + "/drain", HealthEvent.class, envelope -> {
            if (envelope.event() == marker) {
                seen.countDown();
            }
        });
        try {
            // The LOW lane drops when full: try again until it takes the marker.
            while (bus.publish(marker, Priority.LOW) == EventBus.NOT_ACCEPTED) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                LockSupport.parkNanos(100_000L);
            }
            return seen.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            watch.unsubscribe();
        }
    }

    /** Asks {@link #run} to return after the event it is publishing. */
    public void stop() {
        stopRequested = true;
    }

    /** Whether {@link #run} has returned. */
    public boolean isFinished() {
        return finished;
    }

    /** Market-data events published so far. */
    public long ticks() {
        return ticks.get();
    }

    /** Order-book snapshots published so far. */
    public long books() {
        return books.get();
    }

    /** Events the bus refused (full lane with a dropping policy). */
    public long dropped() {
        return dropped.get();
    }
}
