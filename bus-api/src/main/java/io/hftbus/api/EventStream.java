package io.hftbus.api;

import io.hftbus.api.event.Event;
import java.util.concurrent.TimeUnit;

/**
 * A pull subscriber: events of one type queue up in the stream's own bounded queue, and the
 * application takes them on its own threads.
 *
 * <p><b>Lagging.</b> When the application does not keep up and the queue is full, the bus drops
 * the new envelope for this stream only, counts it in {@link #lagged()} and reports it to the
 * observers as {@link DropReason#STREAM_LAGGING}. A lagging stream never slows the lane, the
 * publisher or other subscribers.
 *
 * <p><b>End of stream.</b> Once the stream is unsubscribed, or its bus has closed and delivered
 * everything it accepted, the queued envelopes can still be taken; after the last one,
 * {@link #take()} returns {@code null} at once and {@link #isEndOfStream()} is true. One caveat,
 * from {@link Subscription}'s contract: an unsubscribe from a thread other than the dispatch thread
 * may race with the one delivery already under way, whose envelope can then land in the queue just
 * after the end was signalled; {@link #poll()} still returns it.
 *
 * <p><b>Threading.</b> Any number of application threads may take from one stream concurrently;
 * each envelope goes to exactly one of them. They may be virtual threads: {@link #take()} and
 * {@link #poll(long, TimeUnit)} wait without holding a monitor, so a virtual thread waiting in them
 * unmounts and frees its carrier, as the original design's {@code recv().await} frees its worker.
 *
 * @param <E> the event record type
 */
public interface EventStream<E extends Event> extends Subscription {

    /**
     * Takes the next envelope, waiting as long as it takes.
     *
     * @return the next envelope, or {@code null} only at end of stream
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Envelope<E> take() throws InterruptedException;

    /** Takes the next envelope if one is queued, or returns {@code null} at once. */
    Envelope<E> poll();

    /**
     * Takes the next envelope, waiting up to the timeout.
     *
     * @return the next envelope, or {@code null} if the timeout passed or the stream ended first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Envelope<E> poll(long timeout, TimeUnit unit) throws InterruptedException;

    /** How many envelopes are queued now. */
    int size();

    /** How many envelopes the queue holds at most. */
    int capacity();

    /** How many envelopes were dropped for this stream because its queue was full. */
    long lagged();

    /** Whether the stream has ended and its queue is empty, so {@link #take()} returns {@code null}. */
    boolean isEndOfStream();
}
