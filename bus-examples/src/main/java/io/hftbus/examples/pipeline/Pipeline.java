package io.hftbus.examples.pipeline;

import io.hftbus.api.DispatchMode;
import io.hftbus.api.EventBus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The trading pipeline's stages, subscribed to one bus: aggregator, feature pipeline, model,
 * strategy, risk manager, execution simulator and PnL tracker. The market-data engine and the
 * dashboard are driven from outside (they own threads); this class holds what runs on the bus's
 * dispatch thread.
 *
 * <pre>
 *  market-data ──MarketData, OrderBook──► aggregator ──AggregatedData
 *                                      ├─► features ──Feature──► model ──Prediction
 *                                      │                     └─► strategy ──Signal──► risk ──Approved/Rejected
 *                                      │                              ▲                          │
 *                                      │                              └──────decisions───────────┤
 *                                      ├─► execution ◄─────────────────────────Approved──────────┘
 *                                      │       └──Order, OrderUpdate, Fill──► pnl ──Metrics
 *                                      └─► pnl (marks)
 * </pre>
 *
 * <p><b>Determinism.</b> The same market events (same seed, or the same journal) give the same
 * signals, decisions, orders, fills and final PnL, whatever the timing. The bus only orders events
 * within a lane, and the lanes are interleaved by priority as events happen to be queued, so no
 * stage may let the arrival order of two different streams decide anything. Each stage is built so
 * that its output is a function of its input streams taken one at a time, each of which is in a
 * fixed order:
 * <ul>
 *   <li>market data and book snapshots share the HIGH lane and one publisher, so every stage sees
 *       them in feed order; no lane fills (the engine's flow control), so none is dropped;</li>
 *   <li>features are published by one handler in market-data order, signals by one handler in
 *       feature order, decisions by one handler in signal order: each is a fixed sequence;</li>
 *   <li>the strategy holds a symbol's features back while a decision on that symbol is pending,
 *       so it sees decisions at fixed points of its feature stream;</li>
 *   <li>the risk manager judges from its own book of approvals, not from fills;</li>
 *   <li>the execution simulator fills an order against the first quote after its (event-time)
 *       arrival, found in a quote history whether market data ran ahead or lags behind, and fills a
 *       symbol's orders in the order sent;</li>
 *   <li>the PnL tracker keeps symbols apart, so the interleaving of two symbols' fills does not
 *       change a sum, and its final marks are the last quotes.</li>
 * </ul>
 * Every stage's clock is the timestamp of the event it handles. What does depend on timing is
 * operational and says so: the metrics events in between (how far the fills had got when the
 * market-data clock ticked over), and the monitor's wall-clock performance and health events.
 *
 * <p>The bus must dispatch on one thread ({@link DispatchMode#SINGLE_THREAD}, the default): the
 * stages keep unsynchronised state that several of their handlers touch.
 *
 * <p><b>Sharded features.</b> With {@code featureShards > 0} the feature pipeline handles quotes
 * on a subscription sharded by symbol ({@link FeaturePipeline}). Each symbol's features, and so its
 * predictions, are the same as with one thread; the features of different symbols then reach the
 * strategy in an order that depends on timing. Per symbol, the strategy's signals stay the same as
 * long as no decision depends on another symbol: the risk manager's gross notional and loss limits
 * do, and when one of them binds, which of two symbols' signals comes first decides which one is
 * approved, and with it the later signals, fills and PnL of both. Signal ids are numbered across
 * symbols, so they follow the interleaving too.
 *
 * <p><b>Signal validation.</b> With {@code validationWorkers > 0} a {@link SignalValidator} checks
 * every signal on a worker group, beside the risk manager. It keeps no state, so the order in
 * which its workers take the signals changes nothing but the order of its error events.
 */
public final class Pipeline {

    /**
     * Everything the stages are built from.
     *
     * @param instruments   the instruments traded, in reporting order, at least one
     * @param seed          seed of the execution simulator's latency jitter
     * @param candle        candle interval
     * @param fastTau       fast EMA time constant
     * @param slowTau       slow EMA, z-score and realised volatility time constant
     * @param warmUpTicks   quotes of a symbol before its z-score counts
     * @param strategy      the strategy's parameters
     * @param limits        the risk limits
     * @param execution     the execution simulator's parameters
     * @param horizon       the model's prediction horizon
     * @param predictEvery  a prediction per this many features of a symbol
     * @param metrics       event time between two metrics events
     */
    public record Settings(List<Instrument> instruments, long seed, Duration candle, Duration fastTau,
                           Duration slowTau, int warmUpTicks, MeanReversionStrategy.Settings strategy,
                           RiskManager.Limits limits, ExecutionSimulator.Settings execution, Duration horizon,
                           int predictEvery, Duration metrics) {

        /** Validates what the stages do not, and copies the list. */
        public Settings {
            if (instruments == null || instruments.isEmpty()) {
                throw new IllegalArgumentException("Settings.instruments must not be empty but was " + instruments);
            }
            instruments = List.copyOf(instruments);
            if (strategy == null || limits == null || execution == null) {
                throw new NullPointerException("Settings.strategy, limits and execution must not be null");
            }
        }

        /** The defaults for {@code instruments} and {@code seed}. */
        public static Settings defaults(List<Instrument> instruments, long seed) {
            return new Settings(instruments, seed, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(5),
                    500, MeanReversionStrategy.Settings.defaults(), RiskManager.Limits.defaults(),
                    ExecutionSimulator.Settings.defaults(seed), Duration.ofMillis(500), 25, Duration.ofSeconds(1));
        }
    }

    private final CandleAggregator aggregator;
    private final FeaturePipeline features;
    private final ReturnModel model;
    private final MeanReversionStrategy strategy;
    private final SignalValidator validation;
    private final RiskManager risk;
    private final ExecutionSimulator execution;
    private final PnlTracker pnl;
    private final List<Stage> stages;

    /**
     * Builds the stages and subscribes them to {@code bus}.
     *
     * @throws IllegalArgumentException if the bus does not dispatch on a single thread
     */
    public Pipeline(EventBus bus, Settings settings) {
        this(bus, settings, 0, 0);
    }

    /**
     * Builds the stages and subscribes them to {@code bus}, with the feature pipeline's quotes
     * sharded by symbol over {@code featureShards} threads (0: on the dispatch thread), and, if
     * {@code validationWorkers > 0}, a {@link SignalValidator} on a worker group of that many threads.
     *
     * @throws IllegalArgumentException if the bus does not dispatch on a single thread, or a count
     *                                  is not within {@code [0, EventBus.MAX_WORKERS]}
     */
    public Pipeline(EventBus bus, Settings settings, int featureShards, int validationWorkers) {
        if (bus.config().dispatchMode() != DispatchMode.SINGLE_THREAD) {
            throw new IllegalArgumentException("the pipeline needs a bus with DispatchMode.SINGLE_THREAD but bus '"
                    + bus.name() + "' has " + bus.config().dispatchMode());
        }
        aggregator = new CandleAggregator(bus, settings.candle());
        features = new FeaturePipeline(bus, settings.fastTau(), settings.slowTau(), settings.warmUpTicks(),
                featureShards);
        model = new ReturnModel(bus, settings.horizon(), settings.predictEvery());
        strategy = new MeanReversionStrategy(bus, settings.strategy());
        validation = validationWorkers == 0 ? null
                : new SignalValidator(bus, settings.instruments(), settings.limits(), validationWorkers);
        risk = new RiskManager(bus, settings.instruments(), settings.limits());
        execution = new ExecutionSimulator(bus, settings.instruments(), settings.execution());
        pnl = new PnlTracker(bus, settings.instruments(), settings.metrics());
        stages = validation == null ? List.of(aggregator, features, model, strategy, risk, execution, pnl)
                : List.of(aggregator, features, model, strategy, validation, risk, execution, pnl);
        stages.forEach(Stage::attach);
    }

    /** The stages, upstream first. */
    public List<Stage> stages() {
        return stages;
    }

    /** The aggregator. */
    public CandleAggregator aggregator() {
        return aggregator;
    }

    /** The feature pipeline. */
    public FeaturePipeline features() {
        return features;
    }

    /** The model. */
    public ReturnModel model() {
        return model;
    }

    /** The strategy. */
    public MeanReversionStrategy strategy() {
        return strategy;
    }

    /** The signal validator, if the pipeline has one. */
    public Optional<SignalValidator> validation() {
        return Optional.ofNullable(validation);
    }

    /** The risk manager. */
    public RiskManager risk() {
        return risk;
    }

    /** The execution simulator. */
    public ExecutionSimulator execution() {
        return execution;
    }

    /** The PnL tracker. */
    public PnlTracker pnl() {
        return pnl;
    }
}
