package io.hftbus.nats;

import io.hftbus.bridge.InboundChannel;
import io.hftbus.bridge.InboundReceiver;
import io.hftbus.bridge.TransportException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Iterator;

/**
 * One remote bus read through a durable pull consumer. Each poll pulls up to a batch and gives each
 * message to the bridge as soon as it arrives (not when the batch is complete, which would hold a
 * lone event for the whole wait), and acknowledges the last one given every
 * {@value #ACK_EVERY} messages and at the end: with {@code AckPolicy.ALL} that acknowledges all
 * before it. Used by one bridge thread, except {@link #lag()}.
 */
final class NatsInbound implements InboundChannel {

    /** Messages given between two acknowledgements at most, within one poll. */
    static final int ACK_EVERY = 64;

    private final JetStreamSubscription subscription;
    private volatile long lag = -1;

    NatsInbound(JetStreamSubscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public int poll(int maxFrames, Duration maxWait, InboundReceiver receiver) throws InterruptedException {
        Iterator<Message> messages;
        try {
            messages = subscription.iterate(maxFrames, maxWait);
        } catch (IllegalStateException e) {
            throw new TransportException("NATS cannot deliver now: " + e.getMessage(), e);
        }
        int given = 0;
        Message last = null;
        try {
            while (messages.hasNext()) {
                Message message = messages.next();
                if (!message.isJetStream()) {
                    continue; // a status message the client did not consume itself
                }
                receiver.receive(message.getSubject(), message.getData());
                last = message;
                if (++given % ACK_EVERY == 0) {
                    acknowledge(last);
                }
            }
        } catch (IllegalStateException e) {
            throw new TransportException("NATS stopped delivering: " + e.getMessage(), e);
        }
        if (last != null) {
            acknowledge(last);
        } else {
            lag = 0;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return given;
    }

    private void acknowledge(Message last) {
        lag = last.metaData().pendingCount();
        try {
            last.ack();
        } catch (IllegalStateException e) {
            // The server delivers these again after the ack wait; the bridge drops the copies.
            throw new TransportException("NATS lost the acknowledgement of a batch: " + e.getMessage(), e);
        }
    }

    @Override
    public long lag() {
        return lag;
    }

    @Override
    public void close() {
        try {
            subscription.unsubscribe();
        } catch (IllegalStateException e) {
            // the connection is closed already: nothing to undo
        }
    }
}
