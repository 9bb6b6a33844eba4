package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.testing.ModulePathLauncher;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Launches the trading pipeline as users do, {@code java -p ... -m io.hftbus.examples/...}, in a
 * fresh JVM, for a short run: the module graph resolves (core, stats, recorder, metrics, monitor,
 * Dagger, with the web monitor on), the dashboard prints its lines and the summary.
 */
class ModulePathLaunchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void thePipelineRunsOnTheModulePathAndPrintsTheDashboardAndTheSummary() throws Exception {
        List<String> modulePath = ModulePathLauncher.runtimeModulePath(List.of("bus-api", "bus-codec", "bus-core",
                "bus-stats", "bus-recorder", "bus-bridge", "bus-nats", "jnats", "bus-metrics", "bus-monitor",
                "bus-examples", "jctools", "slf4j-api", "slf4j-simple", "dagger", "jakarta.inject", "javax.inject",
                "jspecify", "HdrHistogram", "LatencyUtils", "micrometer", "prometheus-metrics", "jackson-"),
                "bus-examples");
        ModulePathLauncher.Result result = ModulePathLauncher.run(List.of(ModulePathLauncher.tool("java"),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--module", "io.hftbus.examples/" + TradingPipeline.class.getName(), "--duration", "3s",
                "--warmup", "20000", "--monitor", "0"), DEADLINE);

        assertThat(result.ended()).as("the run ends within %s", DEADLINE).isTrue();
        assertThat(result.exitCode()).as("exit code; output:%n%s", result.output()).isZero();
        assertThat(result.output()).containsPattern("\\[ +1s\\] ev/s md [0-9.]+k ")
                .containsPattern("monitor: http://127\\.0\\.0\\.1:[0-9]+/")
                .contains("=== summary")
                .contains("MARKET_DATA")
                .contains("TOTAL")
                .doesNotContain("Exception");
    }
}
