package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.SignalEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pre-trade validation of the strategy's signals, a stateless stage run as a worker group: each
 * signal goes to whichever worker is free. A signal must name a traded instrument, ask for a whole
 * number of contracts, at most the risk limits' most per order, and carry a reference price below
 * ten times the instrument's start price (a fat-finger bound).
 *
 * <p>A signal that fails is counted in {@link #invalid()} and reported as the stage's failure (an
 * {@code ErrorEvent} naming the check). The risk manager sees every signal, in parallel: the bus's
 * event types have no "validated signal" to gate it with, so validation here reports and does not
 * block.
 *
 * <p><b>Threading.</b> The handler runs on up to {@code workers} threads at once. It reads only
 * the immutable instruments and limits, and counts atomically.
 */
public final class SignalValidator extends Stage {

    /** The stage name. */
    public static final String NAME = "validation";

    private final Map<String, Instrument> instruments;
    private final double maxOrderQuantity;
    private final int workers;
    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();

    /**
     * @param bus         the bus
     * @param instruments the instruments traded
     * @param limits      the risk limits, for the most contracts per order
     * @param workers     the worker group's threads, within {@code [1, EventBus.MAX_WORKERS]}
     */
    public SignalValidator(EventBus bus, List<Instrument> instruments, RiskManager.Limits limits, int workers) {
        super(NAME, bus);
        if (workers < 1 || workers > EventBus.MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be within [1, " + EventBus.MAX_WORKERS + "] but was "
                    + workers);
        }
        this.instruments = instruments.stream().collect(Collectors.toUnmodifiableMap(Instrument::symbol,
                Function.identity()));
        this.maxOrderQuantity = limits.maxOrderQuantity();
        this.workers = workers;
    }

    @Override
    protected void subscribeHandlers() {
        onGroup(SignalEvent.class, workers, this::onSignal);
    }

    private void onSignal(SignalEvent signal) {
        String problem = problem(signal);
        if (problem == null) {
            valid.incrementAndGet();
            return;
        }
        invalid.incrementAndGet();
        throw new IllegalArgumentException("signal " + signal.signalId() + " for " + signal.symbol() + ": " + problem);
    }

    private String problem(SignalEvent signal) {
        Instrument instrument = instruments.get(signal.symbol());
        if (instrument == null) {
            return "not a traded instrument";
        }
        if (signal.quantity() != Math.rint(signal.quantity()) || signal.quantity() > maxOrderQuantity) {
            return "quantity " + signal.quantity() + " is not a whole number of contracts up to " + maxOrderQuantity;
        }
        if (signal.referencePrice() > instrument.startPrice() * 10) {
            return "reference price " + signal.referencePrice() + " is above ten times " + instrument.startPrice();
        }
        return null;
    }

    /** The worker group's threads. */
    public int workers() {
        return workers;
    }

    /** Signals that passed. */
    public long valid() {
        return valid.get();
    }

    /** Signals that failed a check. */
    public long invalid() {
        return invalid.get();
    }
}
