package io.hftbus.examples.pipeline;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.Event;
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

    /** What a run produced. */
    public record Result(List<SignalEvent> signals, List<Event> decisions, List<OrderEvent> orders, List<FillEvent> fills,
                  List<OrderUpdateEvent> orderUpdates, List<PredictionEvent> predictions, PnlTracker.Snapshot pnl,
                  long ticks) {
    }

    private PipelineRun() {
    }

    public static Result run(EventBus bus, MarketFeed feed, Pipeline.Settings settings, long maxTicks, int window)
            throws InterruptedException {
        List<SignalEvent> signals = new ArrayList<>();
        List<Event> decisions = new ArrayList<>();
        List<OrderEvent> orders = new ArrayList<>();
        List<FillEvent> fills = new ArrayList<>();
        List<OrderUpdateEvent> updates = new ArrayList<>();
        List<PredictionEvent> predictions = new ArrayList<>();
        Pipeline pipeline;
        long ticks;
        try (bus) {
            pipeline = new Pipeline(bus, settings);
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
        return new Result(signals, decisions, orders, fills, updates, predictions, pipeline.pnl().snapshot(), ticks);
    }

    private static long signalId(Event decision) {
        return decision instanceof ApprovedSignalEvent approved ? approved.signal().signalId()
                : ((RejectedSignalEvent) decision).signal().signalId();
    }
}
