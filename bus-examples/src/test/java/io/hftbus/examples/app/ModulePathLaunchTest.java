package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Launches the trading pipeline as users do, {@code java -p ... -m io.hftbus.examples/...}, in a
 * fresh JVM, for a short run: the module graph resolves (core, stats, recorder, Dagger), the
 * dashboard prints its lines and the summary.
 */
class ModulePathLaunchTest {

    private static final long DEADLINE_SECONDS = 60;

    @Test
    void thePipelineRunsOnTheModulePathAndPrintsTheDashboardAndTheSummary() throws Exception {
        List<String> modulePath = runtimeModulePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--module", "io.hftbus.examples/" + TradingPipeline.class.getName(), "--duration", "3s", "--warmup", "20000")
                .redirectErrorStream(true).start();
        boolean ended = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("the run ends within %d s", DEADLINE_SECONDS).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).containsPattern("\\[ +1s\\] ev/s md [0-9.]+k ")
                .contains("=== summary")
                .contains("MARKET_DATA")
                .contains("TOTAL")
                .doesNotContain("Exception");
    }

    /** This module's classes and the jars they need at run time, from this test run's paths. */
    private static List<String> runtimeModulePath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(entry);
                    }
                }
            }
        }
        List<String> wanted = List.of("bus-api", "bus-core", "bus-stats", "bus-recorder", "bus-examples", "jctools",
                "slf4j-api", "slf4j-simple", "dagger", "jakarta.inject", "javax.inject", "jspecify", "HdrHistogram");
        List<String> path = entries.stream()
                .filter(entry -> wanted.stream().anyMatch(entry::contains))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .filter(entry -> Files.exists(Path.of(entry)))
                .collect(Collectors.toList());
        if (path.stream().noneMatch(entry -> entry.contains("bus-examples"))) {
            throw new IOException("bus-examples' classes not found in " + entries);
        }
        return path;
    }
}
