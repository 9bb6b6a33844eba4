package io.hftbus.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.testing.Await;
import io.hftbus.testing.ModulePathLauncher;
import io.hftbus.testing.SampleEvents;
import io.hftbus.nats.testing.NatsServer;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs, one server: what one process's bus publishes reaches the other's, once and in order. */
class TwoProcessTest {

    @Test
    void ticksPublishedInAnotherProcessArriveHereOnceAndInOrder(@TempDir Path dir) throws Exception {
        int count = 5_000;
        try (NatsServer server = NatsServer.start(dir);
             NatsTransport nats = NatsTransport.connect(NatsConfig.localhost().withServers(server.url()));
             EventBus bus = EventBus.builder().name("proc-b").build()) {
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            List<Integer> origins = Collections.synchronizedList(new ArrayList<>());
            bus.subscribe(MarketDataEvent.class, (Envelope<MarketDataEvent> e) -> {
                seen.add(e.event().timestamp());
                origins.add(e.origin());
            });
            try (Bridge bridge = Bridge.start(bus, nats, BridgeConfig.defaults()
                    .withInbound("proc-a", EnumSet.of(EventType.MARKET_DATA)))) {
                ModulePathLauncher.Result child = ModulePathLauncher.run(List.of(ModulePathLauncher.tool("java"),
                        "-cp", classPath(), FeedProcess.class.getName(), server.url(), Integer.toString(count)),
                        Await.DEADLINE);
                assertThat(child.ended()).as("the feed process ends in time").isTrue();
                assertThat(child.exitCode()).as("the feed process's output:%n%s", child.output()).isZero();
                assertThat(child.output()).contains("acked " + count);

                Await.until(count + " ticks from the other process", () -> seen.size() == count);
                assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.range(0, count)
                        .map(i -> SampleEvents.esTick(i).timestamp()).boxed().toList());
                assertThat(Set.copyOf(origins)).hasSize(1);
                assertThat(bridge.origin(origins.get(0))).hasValueSatisfying(o -> assertThat(o.bus()).isEqualTo("proc-a"));
                assertThat(bridge.stats().duplicates()).isZero();
            }
        }
    }

    /** This test run's module and class path, flattened into a class path for the child. */
    private static String classPath() {
        return String.join(File.pathSeparator, ModulePathLauncher.thisRunsPath());
    }
}
