package io.hftbus.examples.pipeline;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A bus for one stage under test: publish its inputs, take its outputs with a deadline. */
final class StageTestBus implements AutoCloseable {

    static final long DEADLINE_SECONDS = 10;

    final EventBus bus = EventBus.builder().name("stage-test").build();

    <E extends Event> EventStream<E> outputs(Class<E> type) {
        return bus.stream(type, 1024);
    }

    /** The next output, failing if none comes before the deadline. */
    static <E extends Event> E next(EventStream<E> stream) throws InterruptedException {
        Envelope<E> envelope = stream.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (envelope == null) {
            throw new AssertionError("no " + stream.types() + " within " + DEADLINE_SECONDS + " s");
        }
        return envelope.event();
    }

    /** The next {@code count} outputs. */
    static <E extends Event> List<E> next(EventStream<E> stream, int count) throws InterruptedException {
        List<E> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next(stream));
        }
        return events;
    }

    void publish(Event... events) {
        for (Event event : events) {
            bus.publish(event);
        }
    }

    @Override
    public void close() {
        bus.close();
    }
}
