package io.hftbus.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Measures how far apart the machine's cores are: the round trip of one cache line between two
 * threads that pass a counter back and forth by spinning on it.
 *
 * <p>Every hand-off in the benchmarks moves cache lines between a publisher's core and a
 * consumer's, so this figure sets their pace. On a virtual machine it is not a constant: the host
 * decides where the guest's virtual cores run, and the same two-core guest has measured about
 * 65 ns and about 320 ns from one JVM to the next (the difference between two cores of one core
 * complex and two of different ones), steady within each. The report records it for every JVM it starts, so that figures are compared only
 * with figures measured at the same distance.
 */
public final class CoreToCore {

    /** Round trips per sample; the probe takes the fastest of {@value #SAMPLES} samples. */
    private static final int ROUND_TRIPS = 500;
    private static final int SAMPLES = 50;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final VarHandle BALL;

    static {
        try {
            BALL = MethodHandles.lookup().findVarHandle(CoreToCore.class, "ball", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The last measurement in this JVM, or NaN before the first. */
    private static volatile double lastRoundTripNanos = Double.NaN;

    /** Odd: the other thread's turn; even: the caller's. Accessed through {@link #BALL} only. */
    @SuppressWarnings("unused")
    private volatile long ball;

    private CoreToCore() {
    }

    /**
     * The fastest sample's mean round trip, in nanoseconds. Takes a few milliseconds; the fastest
     * sample is the one no other thread interrupted. Call it while no other thread of the JVM is
     * busy: a spinning or yielding thread can keep the probe's second thread off the cores.
     *
     * @throws IllegalStateException if the other thread does not answer within 5 s (no second core free)
     */
    public static double roundTripNanos() {
        CoreToCore probe = new CoreToCore();
        long total = (long) ROUND_TRIPS * SAMPLES;
        Thread other = new Thread(() -> probe.answer(total), "bench-core-to-core-probe");
        other.setDaemon(true);
        other.start();
        double fastest = Double.MAX_VALUE;
        long value = 0;
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        for (int sample = 0; sample < SAMPLES; sample++) {
            long start = System.nanoTime();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                // Release store then acquire loads: each side sees the other's last write and nothing
                // needs more; the line moves to the other core and back once per round trip.
                BALL.setRelease(probe, value + 1);
                while ((long) BALL.getAcquire(probe) != value + 2) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the core-to-core probe's second thread did not answer in 5 s");
                    }
                    Thread.onSpinWait();
                }
                value += 2;
            }
            fastest = Math.min(fastest, (System.nanoTime() - start) / (double) ROUND_TRIPS);
        }
        lastRoundTripNanos = fastest;
        return fastest;
    }

    /** What {@link #roundTripNanos()} measured last in this JVM, or NaN if it has not run. */
    public static double lastRoundTripNanos() {
        return lastRoundTripNanos;
    }

    private void answer(long roundTrips) {
        long expected = 1;
        for (long i = 0; i < roundTrips; i++) {
            while ((long) BALL.getAcquire(this) != expected) {
                Thread.onSpinWait();
            }
            BALL.setRelease(this, expected + 1);
            expected += 2;
        }
    }
}
