package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Dispatch vs. a waiting stream taker: the stream's waiters handshake. The dispatch side delivers
 * one envelope; the taker waits for it with a timed poll. A lost wake-up shows as the poll timing
 * out with the envelope in the queue.
 */
public final class StreamWakeupTest {

    private StreamWakeupTest() {
    }

    private static final long WAIT_SECONDS = 5;

    @JCStressTest
    @Description("Stream deliver vs. poll(timeout): a waiting taker is always woken for a delivered envelope")
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "the taker got the envelope")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost wake-up or lost envelope")
    @State
    public static class Deliver {

        private final StreamSubscriber<MarketDataEvent> stream =
                new StreamSubscriber<>(Harness.IDLE_BUS, "jcstress-stream", EventType.MARKET_DATA, new long[4], 2);

        @Actor
        public void dispatch() {
            stream.deliver(Harness.ENVELOPE, Harness.ENVELOPE.priority().ordinal(), 0L, 0L, Harness.NO_OBSERVERS);
        }

        @Actor
        public void take(II_Result r) {
            try {
                Envelope<MarketDataEvent> envelope = stream.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                r.r1 = envelope == Harness.ENVELOPE ? 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r.r1 = -1;
            }
            r.r2 = stream.size() == 0 ? 1 : 0;
        }
    }

    @JCStressTest
    @Description("Stream end vs. poll(timeout): a waiting taker is always woken by the end of the stream")
    @Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "the taker saw the end at once")
    @Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "lost wake-up: the taker slept through the end")
    @Outcome(expect = Expect.FORBIDDEN, desc = "the stream did not end")
    @State
    public static class End {

        private final StreamSubscriber<MarketDataEvent> stream =
                new StreamSubscriber<>(Harness.IDLE_BUS, "jcstress-stream", EventType.MARKET_DATA, new long[4], 2);

        @Actor
        public void end() {
            stream.ended();
        }

        @Actor
        public void take(II_Result r) {
            long started = System.nanoTime();
            try {
                stream.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.r1 = stream.isEndOfStream() ? 1 : 0;
            r.r2 = System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(1) ? 1 : 0;
        }
    }
}
