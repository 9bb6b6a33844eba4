package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The throughput benchmarks' receiver: counts, and publishes the count for the publisher waiting
 * for the end of its batch. The count sits between padding so that two receivers, or a receiver
 * and the queue, never share a cache line.
 */
public final class CountingReceiver implements Receiver {

    private static final VarHandle SEEN;

    static {
        try {
            SEEN = MethodHandles.lookup().findVarHandle(CountingReceiver.class, "seen", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p01, p02, p03, p04, p05, p06, p07;
    private long seen;
    long p11, p12, p13, p14, p15, p16, p17;

    @Override
    public void onEvent(MarketDataEvent event) {
        // Single writer: a release store (a plain store on x86) is enough for the waiting
        // publisher's acquire read; no fence on the consumer's path.
        SEEN.setRelease(this, seen + 1);
    }

    @Override
    public long seen() {
        return (long) SEEN.getAcquire(this);
    }
}
