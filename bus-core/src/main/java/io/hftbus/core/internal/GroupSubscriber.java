package io.hftbus.core.internal;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventHandler;
import io.hftbus.api.GroupOptions;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import java.util.Set;

/**
 * A worker group: one bounded queue ({@link GroupRing}), which the dispatch threads offer to and
 * every worker takes from, so each envelope goes to whichever worker is free first. See
 * {@link ParallelSubscriber}.
 */
final class GroupSubscriber extends ParallelSubscriber {

    GroupSubscriber(CoreEventBus bus, String name, Set<EventType> types, long[] fromPositions,
                    EventHandler<Event> handler, GroupOptions options, int workers, GroupSetting setting) {
        super(bus, name, types, fromPositions, handler, options, oneQueue(options, workers), workers, worker -> 0, setting);
    }

    private static WorkQueue[] oneQueue(GroupOptions options, int workers) {
        return new WorkQueue[] {new GroupRing(capacityOf(options), workers)};
    }

    @Override
    int route(Envelope<?> envelope, ObserverChain observers) {
        return 0;
    }

    @Override
    void wake(int queue) {
        wakeOne(workers, null);
    }

    @Override
    void afterTake(GroupWorker worker, WorkQueue queue) {
        // More queued: make sure another worker is awake for it, so a slow call holds up only itself.
        // The sleep flags are read first: they change only when a worker sleeps, so while every worker
        // is awake this costs reads of lines that stay in this core's cache, not of the queue's
        // indices, which the dispatch thread and the other workers write. Reading a flag before the
        // queue is safe: a peer whose flag was still clear announces its sleep (a volatile write) and
        // then looks at the queue itself, so it finds this backlog and does not park.
        if (!workersPark) {
            return;
        }
        for (GroupWorker peer : workers) {
            if (peer != worker && peer.sleeper.isSleeping()) {
                if (!queue.isEmpty()) {
                    wakeOne(workers, worker);
                }
                return;
            }
        }
    }

    @Override
    public long keyFailures() {
        return 0;
    }

    @Override
    public boolean isSharded() {
        return false;
    }
}
