package io.hftbus.bench;

import io.hftbus.api.event.MarketDataEvent;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * {@link ArrayBlockingQueue} and one consumer thread that calls every receiver. With
 * {@link Waiting#YIELDING} both sides use the non-blocking {@code offer}/{@code poll} and the
 * yielding idle strategy (with {@link Waiting#BUSY_SPIN}, the spinning one); with
 * {@link Waiting#BACKOFF} they use the queue's own blocking {@code put}/{@code take}, which is how
 * it is used in practice. Push and pull are the same thing here.
 */
final class BlockingQueuePipeline implements Pipeline {

    private final ArrayBlockingQueue<MarketDataEvent> queue = new ArrayBlockingQueue<>(Pipelines.CAPACITY);
    private final boolean blocking;
    private final ConsumerThread consumer;

    BlockingQueuePipeline(Waiting waiting, Receiver[] receivers) {
        blocking = waiting == Waiting.BACKOFF;
        consumer = new ConsumerThread("bench-abq-consumer", receivers, waiting == Waiting.BUSY_SPIN ? Waiting.BUSY_SPIN
                : Waiting.YIELDING) {
            @Override
            protected boolean takeAndDeliver() {
                MarketDataEvent event;
                if (blocking) {
                    try {
                        event = queue.take();
                    } catch (InterruptedException e) {
                        // stop() interrupts: the loop sees that it is no longer running.
                        return false;
                    }
                } else {
                    event = queue.poll();
                }
                if (event == null) {
                    return false;
                }
                deliver(event);
                return true;
            }

            @Override
            protected boolean hasWork() {
                return !queue.isEmpty();
            }
        };
        consumer.start();
    }

    @Override
    public void publish(MarketDataEvent event) {
        if (blocking) {
            try {
                queue.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
            return;
        }
        while (!queue.offer(event)) {
            Thread.yield();
        }
    }

    @Override
    public void close() {
        consumer.stop();
    }
}
