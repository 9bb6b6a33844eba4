package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dagger is optional at run time: an application that uses the bus, the statistics and the recorder
 * through the builder, launched on a module path that holds no Dagger jar, resolves and runs.
 */
class WithoutDaggerTest {

    private static final String MODULE = String.join("\n",
            "module demo.plain {",
            "    requires io.hftbus.api;",
            "    requires io.hftbus.stats;",
            "    requires io.hftbus.recorder;",
            "}",
            "");

    private static final String MAIN = String.join("\n",
            "package demo.plain;",
            "import io.hftbus.api.EventBus;",
            "import io.hftbus.api.EventStream;",
            "import io.hftbus.api.event.EventType;",
            "import io.hftbus.api.event.MarketDataEvent;",
            "import io.hftbus.recorder.BusRecorder;",
            "import io.hftbus.recorder.RecorderConfig;",
            "import io.hftbus.stats.StatsCollector;",
            "public final class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        StatsCollector stats = new StatsCollector();",
            "        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(16));",
            "        try (EventBus bus = EventBus.builder().name(\"plain\").observer(stats).observer(recorder).build()) {",
            "            EventStream<MarketDataEvent> rx = bus.stream(MarketDataEvent.class);",
            "            bus.publish(new MarketDataEvent(1L, \"ES\", 6000.0, 10, 5999.5, 5, 6000.5, 5));",
            "            System.out.println(\"received \" + rx.take().event().symbol());",
            "        }",
            "        System.out.println(\"published \" + stats.of(EventType.MARKET_DATA).published()",
            "                + \", recorded \" + recorder.recordedCount());",
            "    }",
            "}",
            "");

    @Test
    void theBusItsStatisticsAndItsRecorderRunWithNoDaggerJarOnTheModulePath(@TempDir Path work) throws Exception {
        Path sources = work.resolve("src");
        Files.createDirectories(sources.resolve("demo/plain"));
        Files.writeString(sources.resolve("module-info.java"), MODULE);
        Files.writeString(sources.resolve("demo/plain/Main.java"), MAIN);
        Path classes = work.resolve("classes");
        List<String> modulePath = ApplicationBuild.jars(ApplicationBuild.HFTBUS);
        assertThat(modulePath).as("the module path").noneMatch(entry -> entry.contains("dagger")
                || entry.contains("inject") || entry.contains("jspecify"));

        ApplicationBuild.compile(sources, classes, modulePath, false);
        String output = ApplicationBuild.run(classes, modulePath, List.of(), "demo.plain/demo.plain.Main");

        assertThat(output).contains("received ES", "published 1, recorded 1");
    }
}
