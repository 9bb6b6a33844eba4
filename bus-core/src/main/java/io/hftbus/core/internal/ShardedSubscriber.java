package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventHandler;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A sharded subscription: one bounded queue and one worker per shard; the dispatch thread runs the
 * key function and offers each envelope to the queue of {@link WorkerGroup#shardOf its key's shard}.
 * Each queue has one consumer, its shard's worker, and as producers the dispatch threads (one per
 * lane with {@code THREAD_PER_LANE}), hence MPSC queues. See {@link ParallelSubscriber}.
 */
final class ShardedSubscriber extends ParallelSubscriber {

    private final Function<Object, ?> keyFunction;
    private final AtomicLong keyFailures = new AtomicLong();

    ShardedSubscriber(CoreEventBus bus, String name, EventType type, long[] fromPositions,
                      Function<Object, ?> keyFunction, EventHandler<Event> handler, GroupOptions options, int shards,
                      GroupSetting setting) {
        super(bus, name, Set.of(type), fromPositions, handler, options, queuePerShard(options, shards), shards,
                shard -> shard, setting);
        this.keyFunction = keyFunction;
    }

    private static WorkQueue[] queuePerShard(GroupOptions options, int shards) {
        WorkQueue[] queues = new WorkQueue[shards];
        for (int i = 0; i < shards; i++) {
            queues[i] = new ShardQueue(capacityOf(options));
        }
        return queues;
    }

    @Override
    int route(Envelope<?> envelope, ObserverChain observers) {
        int shard;
        try {
            Object key = keyFunction.apply(envelope.event());
            if (key == null) {
                keyFailed(envelope, new NullPointerException("key function of '" + name + "' returned null for "
                        + envelope.type() + " event sequence " + envelope.sequence()), observers);
                return -1;
            }
            // The key's hashCode() is the application's code too, so it runs inside the isolation.
            shard = WorkerGroup.shardOf(key, workers.length);
        } catch (Throwable failure) {
            keyFailed(envelope, failure, observers);
            return -1;
        }
        if (Thread.interrupted()) {
            keyFailed(envelope, new IllegalStateException("key function of '" + name + "' returned with the dispatch"
                    + " thread's interrupt status set; the status was cleared"), observers);
        }
        return shard;
    }

    private void keyFailed(Envelope<?> envelope, Throwable failure, ObserverChain observers) {
        keyFailures.incrementAndGet();
        failures.reportKeyFailure(envelope, this, failure, observers);
        // A key function that interrupted and threw: the next handler must not inherit the status.
        Thread.interrupted();
    }

    @Override
    void wake(int queue) {
        workers[queue].sleeper.wake();
    }

    @Override
    void afterTake(GroupWorker worker, WorkQueue queue) {
        // One consumer per queue: nobody else to wake.
    }

    @Override
    public long keyFailures() {
        return keyFailures.get();
    }

    @Override
    public boolean isSharded() {
        return true;
    }
}
