package io.hftbus.bridge;

import io.hftbus.api.event.EventType;
import java.util.EnumSet;
import java.util.Set;

/**
 * One remote bus whose events a bridge brings into its local bus.
 *
 * @param remoteBus the sending bus's name; letters, digits, {@code _} and {@code -}
 * @param types     the event types taken in; the others are skipped; not empty
 * @param consumer  the durable name the bridge reads under, so that a restart resumes; letters,
 *                  digits, {@code _} and {@code -}; or null for {@code <local bus>-from-<remoteBus>}.
 *                  Two buses that read one remote bus under the same name share its frames
 *                  between them (each frame reaches one of them), so each takes its own.
 */
public record InboundSource(String remoteBus, Set<EventType> types, String consumer) {

    /** Validates the source and copies its types. */
    public InboundSource {
        BridgeConfig.requireName("InboundSource.remoteBus", remoteBus);
        if (consumer != null) {
            BridgeConfig.requireName("InboundSource.consumer", consumer);
        }
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("InboundSource.types must name at least one event type but was " + types);
        }
        types = Set.copyOf(EnumSet.copyOf(types));
    }

    /** The durable name the bridge of {@code localBus} reads under. */
    public String consumerFor(String localBus) {
        return consumer != null ? consumer : localBus + "-from-" + remoteBus;
    }
}
