package io.hftbus.flow;

/**
 * What a flow subscription does when its subscriber requests too slowly and its buffer is full.
 *
 * <p>Either way the bus drops the newest envelope for that subscription only and counts it, exactly
 * as for a lagging {@link io.hftbus.api.EventStream} (the buffer is one: observers see a
 * {@link io.hftbus.api.DropReason#STREAM_LAGGING} drop, and {@link FlowSubscription#lagged()} counts
 * it). The bus, its publishers and the other subscribers are never slowed. The two constants differ
 * only in what the subscriber is told.
 */
public enum FlowOverflow {

    /**
     * The default: the subscriber is told. In place of its next {@code onNext} (or of its
     * {@code onComplete}, if the bus closed meanwhile) it receives {@code onError} with a
     * {@link LaggedException} that says how many envelopes it missed, and the subscription ends
     * (what its buffer still holds is not signalled: everything it received came before the first
     * drop, with no gap). A
     * Reactive Streams subscriber assumes it sees every element or hears why not; a gap it cannot
     * see would break that. A consumer that can resume (Reactor's {@code retry()}, for example)
     * subscribes again and receives what is published from then on.
     */
    ERROR,

    /**
     * Opt-in: the drop is counted and nothing else; the subscriber goes on with the envelopes that
     * found room. For consumers to whom the latest value is what matters, such as a dashboard or a
     * conflating quote cache.
     */
    COUNT
}
