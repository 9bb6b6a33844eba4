package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Padding before the count: the JVM lays out a superclass's fields first. */
@SuppressWarnings("unused")
abstract class CountingReceiverLhs {
    long p01, p02, p03, p04, p05, p06, p07;
}

/** The count, between the paddings. */
abstract class CountingReceiverCount extends CountingReceiverLhs {
    long seen;
}

/**
 * The throughput benchmarks' receiver: counts, and publishes the count for the publisher waiting
 * for the end of its batch. The count sits alone on its cache line (padding through the class
 * hierarchy, as the JVM groups a class's own fields by type), so that two receivers, or a receiver
 * and the data it is handed, never share one.
 */
@SuppressWarnings("unused")
public final class CountingReceiver extends CountingReceiverCount implements Receiver {

    private static final VarHandle SEEN;

    static {
        try {
            SEEN = MethodHandles.lookup().findVarHandle(CountingReceiverCount.class, "seen", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
