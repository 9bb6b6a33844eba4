package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.testing.Await;
import io.hftbus.testing.ModulePathLauncher;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        String compiled = run(List.of(ModulePathLauncher.tool("javac"), "--release", "17", "-Xlint:all", "-Werror",
                "--module-path", api, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("demo/app/Main.java").toString()));
        assertThat(compiled).as("the demo compiles against bus-api alone, without a warning").isEmpty();

        String output = run(List.of(ModulePathLauncher.tool("java"), "--module-path",
                classes + File.pathSeparator + String.join(File.pathSeparator, modulePath),
                "--module", "demo.app/demo.app.Main"));

        assertThat(output).contains("received ES on EventBus[jpms");
        assertThat(output).as("no JDK warns about sun.misc.Unsafe").doesNotContain("sun.misc.Unsafe");
        assertThat(output).doesNotContain("WARNING");
    }

    /** Runs a JDK tool and returns its output; fails unless it exits with 0 in time. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        ModulePathLauncher.Result result = ModulePathLauncher.run(command, Await.DEADLINE);
        assertThat(result.ended()).as("%s ends in time", command.get(0)).isTrue();
        assertThat(result.exitCode()).as("%s exit code; output:%n%s", command, result.output()).isZero();
        return result.output();
    }

    private static List<String> runtimeModulePath() throws IOException {
        return ModulePathLauncher.runtimeModulePath(List.of("bus-api", "bus-core", "jctools", "slf4j-api",
                "slf4j-simple", "dagger", "jakarta.inject", "javax.inject", "jspecify"), "bus-core");
    }
}
