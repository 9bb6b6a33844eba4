package io.hftbus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Envelope;
import io.hftbus.api.Priority;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The worker group's ring: bounded, in order, each envelope taken once, slots reused only once read. */
class GroupRingTest {

    private static Envelope<MarketDataEvent> envelope(long sequence) {
        return new Envelope<>(sequence, 0L, Priority.NORMAL,
                new MarketDataEvent(sequence, "ES", 6000.0, 1.0, 5999.5, 1.0, 6000.5, 1.0));
    }

    @Test
    void holdsItsCapacityInOrderAndRefusesOneMore() {
        GroupRing ring = new GroupRing(4, 2);
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.poll(0)).isNull();
        for (int i = 0; i < 4; i++) {
            assertThat(ring.offer(envelope(i))).as("offer %d", i).isTrue();
        }
        assertThat(ring.size()).isEqualTo(4);
        assertThat(ring.offer(envelope(4))).as("a fifth into four slots").isFalse();
        assertThat(ring.poll(1).sequence()).isZero();
        assertThat(ring.offer(envelope(4))).as("the slot read is free again").isTrue();
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(ring.poll(i % 2).sequence());
        }
        assertThat(taken).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ring.poll(0)).isNull();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.size()).isZero();
    }

    @Test
    void wrapsAroundManyTimes() {
        GroupRing ring = new GroupRing(2, 1);
        for (long i = 0; i < 1_000; i++) {
            assertThat(ring.offer(envelope(i))).isTrue();
            assertThat(ring.poll(0).sequence()).isEqualTo(i);
        }
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    void anIdleConsumerDoesNotHoldTheProducersBack() {
        // Consumer 1 never takes anything: only claims gate the producers, not a consumer's absence.
        GroupRing ring = new GroupRing(4, 2);
        for (long i = 0; i < 100; i++) {
            assertThat(ring.offer(envelope(i))).as("offer %d", i).isTrue();
            assertThat(ring.poll(0).sequence()).isEqualTo(i);
        }
    }

    @Test
    void refusesACapacityThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new GroupRing(6, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two").hasMessageContaining("6");
    }

    @Test
    void twoProducersAndThreeConsumersTakeEachEnvelopeExactlyOnce() {
        int perProducer = 200_000;
        GroupRing ring = new GroupRing(64, 3);
        AtomicIntegerArray seen = new AtomicIntegerArray(2 * perProducer);
        AtomicLong duplicates = new AtomicLong();
        AtomicLong taken = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    Envelope<MarketDataEvent> next = envelope(producer * (long) perProducer + i);
                    while (!ring.offer(next)) {
                        Thread.onSpinWait();
                    }
                }
            }, "ring-producer-" + p));
        }
        for (int c = 0; c < 3; c++) {
            int consumer = c;
            threads.add(new Thread(() -> {
                while (producing.get() || !ring.isEmpty()) {
                    Envelope<?> envelope = ring.poll(consumer);
                    if (envelope == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (seen.getAndIncrement((int) envelope.sequence()) != 0) {
                        duplicates.incrementAndGet();
                    }
                    taken.incrementAndGet();
                }
            }, "ring-consumer-" + c));
        }
        threads.forEach(Thread::start);
        Await.join(threads.get(0), threads.get(1));
        producing.set(false);
        Await.join(threads.subList(2, 5).toArray(new Thread[0]));
        assertThat(duplicates).as("envelopes taken twice").hasValue(0);
        assertThat(taken).as("envelopes taken").hasValue(2L * perProducer);
        for (int i = 0; i < seen.length(); i++) {
            assertThat(seen.get(i)).as("envelope %d", i).isEqualTo(1);
        }
    }
}
