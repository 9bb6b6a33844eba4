package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.BusObserver;
import io.hftbus.api.EventBus;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.examples.pipeline.Instrument;
import io.hftbus.examples.pipeline.Pipeline;
import io.hftbus.examples.pipeline.PipelineRun;
import io.hftbus.examples.pipeline.SyntheticMarket;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest workflow: record a run to a journal, replay the journal through a fresh pipeline,
 * get the same trades and PnL.
 */
class BacktestReplayTest {

    private static final long SEED = 7;
    private static final long TICKS = 40_000;
    private static final long START = 1_767_000_000_000_000_000L;
    private static final List<Instrument> INSTRUMENTS = Options.defaultSymbols();

    private static EventBus bus(String name, BusObserver... observers) {
        var builder = EventBus.builder().name(name);
        for (BusObserver observer : observers) {
            builder.observer(observer);
        }
        return builder.build();
    }

    @Test
    void replayingARecordedRunThroughAFreshPipelineGivesTheSameTradesAndPnl(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("run.journal");
        BusRecorder recorder = BusRecorder.create(RecorderConfig.defaults().withRingCapacity(0).withJournal(journal));
        EventBus recorded = bus("recorded", recorder);
        Pipeline.Settings settings = Pipeline.Settings.defaults(INSTRUMENTS, SEED);
        TradingSession.announce(recorded, settings, 20_000, START);
        PipelineRun.Result live = PipelineRun.run(recorded,
                new SyntheticMarket(INSTRUMENTS, SEED, 20_000, START, 10), settings, TICKS, 1024);
        JournalStatus status = recorder.journal().orElseThrow();
        assertThat(status.eventsLost()).isZero();
        assertThat(live.fills()).isNotEmpty();

        PipelineRun.Result replayed;
        try (JournalFeed feed = JournalFeed.open(journal)) {
            assertThat(feed.seed()).isEqualTo(SEED);
            assertThat(feed.instruments()).isEqualTo(INSTRUMENTS);
            assertThat(feed.marketEvents()).isEqualTo(TICKS);
            replayed = PipelineRun.run(bus("replay"), feed, Pipeline.Settings.defaults(feed.instruments(), feed.seed()),
                    Long.MAX_VALUE, 64);
        }

        assertThat(replayed.ticks()).isEqualTo(TICKS);
        assertThat(replayed.signals()).isEqualTo(live.signals());
        assertThat(replayed.decisions()).isEqualTo(live.decisions());
        assertThat(replayed.orders()).isEqualTo(live.orders());
        assertThat(replayed.fills()).isEqualTo(live.fills());
        assertThat(replayed.orderUpdates()).isEqualTo(live.orderUpdates());
        assertThat(replayed.pnl()).isEqualTo(live.pnl());
    }
}
