package io.hftbus.nats;

import io.hftbus.api.event.EventType;
import io.hftbus.bridge.OutboundChannel;
import io.hftbus.bridge.TransportException;
import io.nats.client.JetStream;
import io.nats.client.impl.Headers;
import java.util.concurrent.CompletableFuture;

/**
 * One bus's outbound channel: an asynchronous JetStream publish per message (a frame or a batch of
 * frames of one type), on the subject of its type, with the message id {@code <origin hex>-<last
 * sequence>} that the stream's duplicate window matches, and its predecessor's as the expected
 * last message id (the bus's stream has this one writer). Used by the bridge's sender thread alone.
 */
final class NatsOutbound implements OutboundChannel {

    /** JetStream's header for the id that removes duplicate publishes. */
    static final String MESSAGE_ID = "Nats-Msg-Id";
    /** JetStream's header that makes a publish fail unless the stream's last message has this id. */
    static final String EXPECTED_LAST_ID = "Nats-Expected-Last-Msg-Id";

    private final JetStream jetStream;
    private final String[] subjects;

    NatsOutbound(JetStream jetStream, String[] subjects) {
        this.jetStream = jetStream;
        this.subjects = subjects;
    }

    @Override
    public CompletableFuture<?> send(EventType type, long origin, long sequence, long previousSequence, byte[] frame) {
        String originHex = Long.toHexString(origin);
        Headers headers = new Headers().put(MESSAGE_ID, originHex + "-" + sequence);
        if (previousSequence >= 0) {
            headers.put(EXPECTED_LAST_ID, originHex + "-" + previousSequence);
        }
        try {
            return jetStream.publishAsync(subjects[type.ordinal()], headers, frame);
        } catch (IllegalStateException e) {
            throw new TransportException("NATS cannot take a frame now: " + e.getMessage(), e);
        }
    }
}
