package io.hftbus.examples.pipeline;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventBus;
import io.hftbus.api.WorkerGroup;
import io.hftbus.api.event.FeatureEvent;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.SignalEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardedPipelineTest {

    private static final long SEED = 42;
    private static final long TICKS = 60_000;
    private static final int SHARDS = 2;
    private static final List<Instrument> INSTRUMENTS =
            List.of(Instrument.of("ES"), Instrument.of("NQ"), Instrument.of("CL"), Instrument.of("GC"));

    /** A signal without its id, which is numbered across symbols and so follows their interleaving. */
    private record Intent(long timestamp, Side side, double strength, double quantity, double referencePrice) {
        static Intent of(SignalEvent signal) {
            return new Intent(signal.timestamp(), signal.side(), signal.strength(), signal.quantity(),
                    signal.referencePrice());
        }
    }

    /**
     * The defaults, with the two limits over all symbols out of reach: with them binding, which
     * symbol's signal reaches risk first decides which one is approved (see {@link Pipeline}).
     */
    private static Pipeline.Settings settings() {
        Pipeline.Settings d = Pipeline.Settings.defaults(INSTRUMENTS, SEED);
        RiskManager.Limits limits = new RiskManager.Limits(d.limits().maxPosition(), d.limits().maxOrderQuantity(),
                1e15, 1e15, d.limits().feePerContract());
        return new Pipeline.Settings(d.instruments(), d.seed(), d.candle(), d.fastTau(), d.slowTau(), d.warmUpTicks(),
                d.strategy(), limits, d.execution(), d.horizon(), d.predictEvery(), d.metrics());
    }

    private static PipelineRun.Result run(int featureShards, int validationWorkers) throws InterruptedException {
        EventBus bus = EventBus.builder().name("sharded-" + featureShards).build();
        return PipelineRun.run(bus, new SyntheticMarket(INSTRUMENTS, SEED, 20_000, 1_767_000_000_000_000_000L, 10),
                settings(), TICKS, 4096, featureShards, validationWorkers);
    }

    @Test
    void perSymbolFeaturesAndSignalsEqualTheSingleThreadedRun() throws InterruptedException {
        // The symbols must really be spread over the shards, or the run would prove nothing.
        assertThat(INSTRUMENTS.stream().map(i -> WorkerGroup.shardOf(i.symbol(), SHARDS)).distinct()).hasSize(SHARDS);

        PipelineRun.Result single = run(0, 0);
        PipelineRun.Result sharded = run(SHARDS, 2);

        assertThat(sharded.ticks()).isEqualTo(TICKS);
        assertThat(single.signals()).hasSizeGreaterThan(10);
        Map<String, List<FeatureEvent>> features = bySymbol(single.features());
        assertThat(features).hasSize(INSTRUMENTS.size());
        assertThat(bySymbol(sharded.features())).isEqualTo(features);
        assertThat(intents(sharded.signals())).isEqualTo(intents(single.signals()));
        assertThat(sharded.predictions()).isEqualTo(single.predictions());
        assertThat(sharded.validSignals()).isEqualTo(sharded.signals().size());
        assertThat(sharded.invalidSignals()).isZero();
    }

    private static Map<String, List<FeatureEvent>> bySymbol(List<FeatureEvent> features) {
        return features.stream().collect(groupingBy(FeatureEvent::symbol, toList()));
    }

    private static Map<String, List<Intent>> intents(List<SignalEvent> signals) {
        return signals.stream().collect(groupingBy(SignalEvent::symbol, mapping(Intent::of, toList())));
    }
}
