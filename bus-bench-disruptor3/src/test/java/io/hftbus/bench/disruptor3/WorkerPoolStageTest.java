package io.hftbus.bench.disruptor3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.WaitStrategy;
import io.hftbus.testing.Await;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// A close or a publish that hangs fails the test rather than the build.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerPoolStageTest {

    private static final int ITEMS = 20_000;

    @ParameterizedTest
    @EnumSource(WaitStrategy.class)
    void everyItemIsHandledExactlyOnceAcrossTheWorkers(WaitStrategy waiting) {
        AtomicIntegerArray handled = new AtomicIntegerArray(ITEMS);
        Set<String> workers = ConcurrentHashMap.newKeySet();
        CountDownLatch secondWorkerHandledOne = new CountDownLatch(1);
        LongAdder firstWorkerTimedOut = new LongAdder();
        // The worker that takes item 0 holds it until another worker has handled an item: the run
        // passes only if at least two workers compete for the ring.
        WorkerPoolStage<Integer> stage = WorkerPoolStage.start("exactly-once", 2, waiting, 1024, item -> {
            workers.add(Thread.currentThread().getName());
            if (item == 0) {
                try {
                    if (!secondWorkerHandledOne.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                        firstWorkerTimedOut.increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                secondWorkerHandledOne.countDown();
            }
            handled.incrementAndGet(item);
        });
        publishEveryItemAndClose(stage, handled);

        assertThat(firstWorkerTimedOut.sum()).as("the first worker's wait for the second").isZero();
        assertThat(workers).as("the threads that did the work")
                .containsExactlyInAnyOrder("exactly-once-worker-0", "exactly-once-worker-1");
        for (int i = 0; i < ITEMS; i++) {
            assertThat(handled.get(i)).as("times item %d was handled (%s)", i, waiting).isEqualTo(1);
        }
        assertThat(stage.failures()).isZero();
    }

    @Test
    void workersThatKeepItemsInTheirSlotsHandleEachItemExactlyOnce() {
        AtomicIntegerArray handled = new AtomicIntegerArray(ITEMS);
        // A ring of 64 slots reused over 300 times: a kept item must not be handled again.
        WorkerPoolStage<Integer> stage = WorkerPoolStage.start("kept", 2, WaitStrategy.YIELDING, 64,
                WorkerPoolStage.Slots.KEPT, handled::incrementAndGet);
        publishEveryItemAndClose(stage, handled);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(handled.get(i)).as("times item %d was handled", i).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(WaitStrategy.class)
    void closeHandlesEveryPublishedItemBeforeItReturns(WaitStrategy waiting) {
        LongAdder handled = new LongAdder();
        // A ring far smaller than the items, and work slow enough that the close finds it full.
        WorkerPoolStage<Integer> stage = WorkerPoolStage.start("drain", 2, waiting, 64, item -> {
            long end = System.nanoTime() + 2_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            handled.increment();
        });
        for (int i = 0; i < 5_000; i++) {
            stage.publish(i);
        }
        stage.close();

        assertThat(handled.sum()).as("items handled when close returned (%s)", waiting).isEqualTo(5_000);
        assertThatThrownBy(() -> stage.publish(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("drain is closed");
    }

    @Test
    void closeLeavesNoWorkerThreadRunning() {
        WorkerPoolStage<Integer> stage = WorkerPoolStage.start("threads", 3, WaitStrategy.YIELDING, 16, item -> { });
        stage.publish(1);
        stage.close();
        stage.close();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("threads-worker-"));
    }

    @Test
    void aWorkThatThrowsIsCountedAndTheWorkersGoOn() {
        LongAdder handled = new LongAdder();
        WorkerPoolStage<Integer> stage = WorkerPoolStage.start("failing", 2, WaitStrategy.YIELDING, 256, item -> {
            if (item % 10 == 0) {
                throw new IllegalStateException("item " + item + " refused");
            }
            handled.increment();
        });
        for (int i = 0; i < 1_000; i++) {
            stage.publish(i);
        }
        stage.close();

        assertThat(stage.failures()).isEqualTo(100);
        assertThat(handled.sum()).isEqualTo(900);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> WorkerPoolStage.start(" ", 2, WaitStrategy.YIELDING, 16, item -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank but was ' '");
        assertThatThrownBy(() -> WorkerPoolStage.start("s", 0, WaitStrategy.YIELDING, 16, item -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be at least 1 but was 0");
        assertThatThrownBy(() -> WorkerPoolStage.start("s", 2, WaitStrategy.YIELDING, 100, item -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ringSize must be a power of two but was 100");
        assertThatThrownBy(() -> WorkerPoolStage.start("s", 2, null, 16, item -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("waiting must not be null");
        assertThatThrownBy(() -> WorkerPoolStage.start("s", 2, WaitStrategy.YIELDING, 16, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("work must not be null");
        assertThatThrownBy(() -> WorkerPoolStage.start("s", 2, WaitStrategy.YIELDING, 16, null, item -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slots must not be null");

        WorkerPoolStage<Integer> stage = WorkerPoolStage.start("nulls", 1, WaitStrategy.YIELDING, 16, item -> { });
        try {
            assertThatThrownBy(() -> stage.publish(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("nulls: item must not be null");
        } finally {
            stage.close();
        }
    }

    /** Publishes items 0 to {@code ITEMS - 1}, waits until each was handled, and closes the stage. */
    private static void publishEveryItemAndClose(WorkerPoolStage<Integer> stage, AtomicIntegerArray handled) {
        try {
            for (int i = 0; i < ITEMS; i++) {
                stage.publish(i);
            }
            Await.until("every item handled", () -> handledCount(handled) == ITEMS,
                    () -> handledCount(handled) + " of " + ITEMS + " handled");
        } finally {
            stage.close();
        }
    }

    private static int handledCount(AtomicIntegerArray handled) {
        int count = 0;
        for (int i = 0; i < handled.length(); i++) {
            count += handled.get(i) == 0 ? 0 : 1;
        }
        return count;
    }
}
