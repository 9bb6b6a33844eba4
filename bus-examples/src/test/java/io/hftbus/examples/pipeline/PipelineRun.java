package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.FillEvent;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.OrderUpdateEvent;
import io.hftbus.api.event.PredictionEvent;
import io.hftbus.api.event.RejectedSignalEvent;
import io.hftbus.api.event.SignalEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A headless run of the pipeline on a fresh bus, recording what it decided: the trading events in
 * a canonical order (by id) and the final PnL.
 */
public final class PipelineRun {

    /** What a run produced; features and signals in the order the bus delivered them. */
    public record Result(List<FeatureEvent> features, List<SignalEvent> signals, List<Event> decisions, List<OrderEvent> orders, List<FillEvent> fills,
                  List<OrderUpdateEvent> orderUpdates, List<PredictionEvent> predictions, PnlTracker.Snapshot pnl,
                  long ticks, long validSignals, long invalidSignals) {
    }

    private PipelineRun() {
    }

    public static Result run(EventBus bus, MarketFeed feed, Pipeline.Settings settings, long maxTicks, int window)
            throws InterruptedException {
        return run(bus, feed, settings, maxTicks, window, 0, 0);
    }

    /** As {@link #run(EventBus, MarketFeed, Pipeline.Settings, long, int)}, with sharded features and validation. */
    public static Result run(EventBus bus, MarketFeed feed, Pipeline.Settings settings, long maxTicks, int window,
                             int featureShards, int validationWorkers) throws InterruptedException {
        List<FeatureEvent> features = new ArrayList<>();
        List<SignalEvent> signals = new ArrayList<>();
        List<Event> decisions = new ArrayList<>();
        List<OrderEvent> orders = new ArrayList<>();
        List<FillEvent> fills = new ArrayList<>();
        List<OrderUpdateEvent> updates = new ArrayList<>();
        List<PredictionEvent> predictions = new ArrayList<>();
        Pipeline pipeline;
        long ticks;
        try (bus) {
            pipeline = new Pipeline(bus, settings, featureShards, validationWorkers);
            bus.subscribe(FeatureEvent.class, envelope -> features.add(envelope.event()));
            bus.subscribe(SignalEvent.class, envelope -> signals.add(envelope.event()));
            bus.subscribe(ApprovedSignalEvent.class, envelope -> decisions.add(envelope.event()));
            bus.subscribe(RejectedSignalEvent.class, envelope -> decisions.add(envelope.event()));
            bus.subscribe(OrderEvent.class, envelope -> orders.add(envelope.event()));
            bus.subscribe(FillEvent.class, envelope -> fills.add(envelope.event()));
            bus.subscribe(OrderUpdateEvent.class, envelope -> updates.add(envelope.event()));
            bus.subscribe(PredictionEvent.class, envelope -> predictions.add(envelope.event()));
            MarketDataEngine engine = new MarketDataEngine(bus, feed, MarketDataEngine.Pace.MAX, window);
            ticks = engine.run(maxTicks, null);
            if (!engine.awaitDrained(Duration.ofSeconds(30))) {
                throw new AssertionError("the pipeline did not drain within 30 s");
            }
        }
        // close() delivered everything and joined the dispatch thread: its writes are visible here.
        decisions.sort(Comparator.comparingLong(PipelineRun::signalId));
        fills.sort(Comparator.comparingLong(FillEvent::fillId));
        updates.sort(Comparator.comparingLong(OrderUpdateEvent::orderId)
                .thenComparing(update -> update.status().ordinal()));
        predictions.sort(Comparator.comparing(PredictionEvent::symbol).thenComparingLong(PredictionEvent::timestamp));
        SignalValidator validation = pipeline.validation().orElse(null);
        return new Result(features, signals, decisions, orders, fills, updates, predictions, pipeline.pnl().snapshot(),
                ticks, validation == null ? 0 : validation.valid(), validation == null ? 0 : validation.invalid());
    }

    private static long signalId(Event decision) {
        return decision instanceof ApprovedSignalEvent approved ? approved.signal().signalId()
                : ((RejectedSignalEvent) decision).signal().signalId();
    }
}
