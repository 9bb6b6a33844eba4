package io.hftbus.core;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the JPMS packaging the way users launch it: an application module compiled against
 * {@code io.hftbus.api} alone, run with {@code java -p ... -m ...} in a fresh JVM, finds the core
 * through {@code ServiceLoader} and delivers an event. A class-path test run cannot show this.
 */
class ModulePathLaunchTest {

    private static final String APP_MODULE = "module demo.app {\n    requires io.hftbus.api;\n}\n";

    private static final String APP_MAIN = String.join("\n",
            "package demo.app;",
            "import io.hftbus.api.EventBus;",
            "import io.hftbus.api.EventStream;",
            "import io.hftbus.api.event.MarketDataEvent;",
            "public final class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        try (EventBus bus = EventBus.builder().name(\"jpms\").build()) {",
            "            EventStream<MarketDataEvent> rx = bus.stream(MarketDataEvent.class);",
            "            bus.publish(new MarketDataEvent(1L, \"ES\", 6000.0, 10, 5999.5, 5, 6000.5, 5));",
            "            System.out.println(\"received \" + rx.take().event().symbol() + \" on \" + bus);",
            "        }",
            "    }",
            "}",
            "");

    @Test
    void anApplicationModuleCompiledAgainstTheApiAloneRunsOnTheModulePath(@TempDir Path work) throws Exception {
        List<String> modulePath = runtimeModulePath();
        String api = modulePath.stream().filter(p -> p.contains("bus-api")).findFirst()
                .orElseThrow(() -> new AssertionError("bus-api not found on " + modulePath));

        Path sources = work.resolve("src");
        Files.createDirectories(sources.resolve("demo/app"));
        Files.writeString(sources.resolve("module-info.java"), APP_MODULE);
        Files.writeString(sources.resolve("demo/app/Main.java"), APP_MAIN);
        Path classes = work.resolve("classes");
        String compiled = run(List.of(tool("javac"), "--release", "17", "-Xlint:all", "-Werror",
                "--module-path", api, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("demo/app/Main.java").toString()));
        assertThat(compiled).as("the demo compiles against bus-api alone, without a warning").isEmpty();

        String output = run(List.of(tool("java"), "--module-path",
                classes + File.pathSeparator + String.join(File.pathSeparator, modulePath),
                "--module", "demo.app/demo.app.Main"));

        assertThat(output).contains("received ES on EventBus[jpms");
        assertThat(output).as("no JDK warns about sun.misc.Unsafe").doesNotContain("sun.misc.Unsafe");
        assertThat(output).doesNotContain("WARNING");
    }

    /** Runs a JDK tool and returns its output; fails unless it exits with 0 in time. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("%s ends in time", command.get(0)).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
        return output;
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** The jars and class folders the core needs at run time, taken from this test run's paths. */
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
        List<String> wanted = List.of("bus-api", "bus-core", "jctools", "slf4j-api", "slf4j-simple", "dagger",
                "jakarta.inject", "javax.inject", "jspecify");
        List<String> path = entries.stream()
                .filter(entry -> wanted.stream().anyMatch(entry::contains))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .filter(entry -> Files.exists(Path.of(entry)))
                .collect(Collectors.toList());
        if (path.stream().noneMatch(p -> p.contains("bus-core"))) {
            throw new IOException("bus-core's classes not found in " + entries);
        }
        return path;
    }
}
