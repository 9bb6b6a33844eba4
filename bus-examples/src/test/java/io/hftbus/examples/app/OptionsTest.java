package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.WaitStrategy;
import io.hftbus.examples.pipeline.Instrument;
import io.hftbus.examples.pipeline.MarketDataEngine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void noOptionsRunTheDefaultTenSecondLiveDemo() throws Exception {
        Options options = Options.parse();

        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.events()).isEqualTo(Long.MAX_VALUE);
        assertThat(options.symbols()).extracting(Instrument::symbol).containsExactly("ES", "NQ", "CL", "GC");
        assertThat(options.rate()).isEqualTo(20_000);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.pace()).isEqualTo(MarketDataEngine.Pace.REALTIME);
        assertThat(options.waitStrategy()).isEqualTo(WaitStrategy.BACKOFF);
        assertThat(options.record()).isNull();
        assertThat(options.replay()).isNull();
        assertThat(options.warmUp()).isEqualTo(100_000);
        assertThat(options.monitorPort()).as("no monitor").isEqualTo(-1);
        assertThat(options.monitorAddress()).isNull();
        assertThat(options.shards()).as("every stage on the dispatch thread").isZero();
    }

    @Test
    void monitorTakesAnOptionalPortAndAnAddress() throws Exception {
        assertThat(Options.parse("--monitor").monitorPort()).isEqualTo(Options.DEFAULT_MONITOR_PORT);
        assertThat(Options.parse("--monitor", "--quiet").monitorPort()).isEqualTo(Options.DEFAULT_MONITOR_PORT);
        assertThat(Options.parse("--monitor", "0").monitorPort()).isZero();
        Options beyond = Options.parse("--monitor", "9000", "--monitor-address", "0.0.0.0");
        assertThat(beyond.monitorPort()).isEqualTo(9000);
        assertThat(beyond.monitorAddress()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> Options.parse("--monitor", "70000")).isInstanceOf(Options.UsageException.class)
                .hasMessage("--monitor port must be within [0, 65535] but was 70000");
        assertThatThrownBy(() -> Options.parse("--monitor", "fast")).isInstanceOf(Options.UsageException.class)
                .hasMessage("--monitor must be a whole number but was 'fast'");
        assertThatThrownBy(() -> Options.parse("--monitor-address", "0.0.0.0")).isInstanceOf(Options.UsageException.class)
                .hasMessage("--monitor-address applies to --monitor only");
    }

    @Test
    void everyOptionIsParsed() throws Exception {
        Options options = Options.parse("--events", "50_000", "--symbols", "es,zn", "--rate", "5000", "--seed", "-7",
                "--pace", "max", "--record", "run.journal", "--wait", "busy-spin", "--quiet", "--duration", "500ms", "--warmup", "0",
                "--shards", "2");

        assertThat(options.events()).isEqualTo(50_000);
        assertThat(options.duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.symbols()).extracting(Instrument::symbol).containsExactly("ES", "ZN");
        assertThat(options.rate()).isEqualTo(5000);
        assertThat(options.seed()).isEqualTo(-7);
        assertThat(options.pace()).isEqualTo(MarketDataEngine.Pace.MAX);
        assertThat(options.record()).isEqualTo(Path.of("run.journal"));
        assertThat(options.waitStrategy()).isEqualTo(WaitStrategy.BUSY_SPIN);
        assertThat(options.quiet()).isTrue();
        assertThat(options.warmUp()).isZero();
        assertThat(options.shards()).isEqualTo(2);
    }

    @Test
    void anEventCountOrAReplayAloneRunsWithoutATimeLimit() throws Exception {
        assertThat(Options.parse("--events", "1000").duration()).isNull();
        assertThat(Options.parse("--replay", "run.journal").duration()).isNull();
        assertThat(Options.parse("--duration", "2m").duration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badOptionsAreReportedByName() {
        assertThatThrownBy(() -> Options.parse("--bogus")).isInstanceOf(Options.UsageException.class)
                .hasMessage("unknown option '--bogus'");
        assertThatThrownBy(() -> Options.parse("--events")).hasMessage("--events needs a value");
        assertThatThrownBy(() -> Options.parse("--events", "0")).hasMessage("--events must be positive but was 0");
        assertThatThrownBy(() -> Options.parse("--rate", "fast")).hasMessageContaining("--rate must be a whole number");
        assertThatThrownBy(() -> Options.parse("--duration", "soon")).hasMessageContaining("--duration must be like");
        assertThatThrownBy(() -> Options.parse("--symbols", "ES,XX")).hasMessageContaining("unknown symbol 'XX'");
        assertThatThrownBy(() -> Options.parse("--symbols", "ES,ES")).hasMessage("--symbols names ES twice");
        assertThatThrownBy(() -> Options.parse("--wait", "sleepy"))
                .hasMessage("--wait must be one of busy-spin, yielding, backoff, blocking but was 'sleepy'");
        assertThatThrownBy(() -> Options.parse("--record", "a", "--replay", "a"))
                .hasMessageContaining("the same file");
        assertThatThrownBy(() -> Options.parse("--warmup", "-1")).hasMessage("--warmup must be >= 0 but was -1");
        assertThatThrownBy(() -> Options.parse("--shards", "2000"))
                .hasMessage("--shards must be within [0, 1024] but was 2000");
        assertThatThrownBy(() -> Options.parse("--help")).isInstanceOf(Options.HelpRequested.class);
    }

    @Test
    void aRateBeyondWhatTheFeedCanKeepIsRefused() throws Exception {
        assertThat(Options.parse("--rate", "1_000_000").rate()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> Options.parse("--rate", "2000000000"))
                .hasMessage("--rate must be at most 1000000 market-data events per simulated second but was 2000000000");
    }

    @Test
    void theMarketOptionsOfALiveRunCannotBeGivenToAReplay() {
        for (String[] market : new String[][] {{"--symbols", "ES"}, {"--rate", "5000"}, {"--seed", "7"}}) {
            assertThatThrownBy(() -> Options.parse("--replay", "run.journal", market[0], market[1]))
                    .isInstanceOf(Options.UsageException.class)
                    .hasMessage(market[0] + " cannot be used with --replay: a replay trades the symbols, rate and seed"
                            + " of its journal");
        }
    }

    @Test
    void strictIsAReplayOption() throws Exception {
        assertThat(Options.parse("--replay", "run.journal", "--strict").strict()).isTrue();
        assertThat(Options.parse("--replay", "run.journal").strict()).isFalse();
        assertThatThrownBy(() -> Options.parse("--strict")).hasMessage("--strict applies to --replay only");
    }
}
