package io.hftbus.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventBus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineDeterminismTest {

    private static final long SEED = 42;
    private static final long TICKS = 60_000;
    private static final List<Instrument> INSTRUMENTS =
            List.of(Instrument.of("ES"), Instrument.of("NQ"), Instrument.of("CL"), Instrument.of("GC"));

    private static SyntheticMarket market(long seed) {
        return new SyntheticMarket(INSTRUMENTS, seed, 20_000, 1_767_000_000_000_000_000L, 10);
    }

    private static PipelineRun.Result run(long seed, int window) throws InterruptedException {
        EventBus bus = EventBus.builder().name("determinism-" + window).build();
        return PipelineRun.run(bus, market(seed), Pipeline.Settings.defaults(INSTRUMENTS, seed), TICKS, window);
    }

    @Test
    void sameSeedGivesSameTradesAndPnlWhateverTheInterleavingOfLanes() throws InterruptedException {
        // Lock-step (one event in flight) against a wide window: the stages see their streams
        // interleaved very differently, and must decide the same.
        PipelineRun.Result lockStep = run(SEED, 1);
        PipelineRun.Result wide = run(SEED, 4096);

        assertThat(lockStep.ticks()).isEqualTo(TICKS);
        assertThat(lockStep.signals()).hasSizeGreaterThan(10);
        assertThat(lockStep.fills()).isNotEmpty();
        assertThat(wide.signals()).isEqualTo(lockStep.signals());
        assertThat(wide.decisions()).isEqualTo(lockStep.decisions());
        assertThat(wide.orders()).isEqualTo(lockStep.orders());
        assertThat(wide.fills()).isEqualTo(lockStep.fills());
        assertThat(wide.orderUpdates()).isEqualTo(lockStep.orderUpdates());
        assertThat(wide.predictions()).isEqualTo(lockStep.predictions());
        assertThat(wide.pnl()).isEqualTo(lockStep.pnl());
    }

    @Test
    void anotherSeedGivesOtherTrades() throws InterruptedException {
        assertThat(run(SEED + 1, 4096).signals()).isNotEqualTo(run(SEED, 4096).signals());
    }
}
