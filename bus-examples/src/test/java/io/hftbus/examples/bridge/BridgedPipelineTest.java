package io.hftbus.examples.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.monitor.WebMonitor;
import io.hftbus.nats.NatsConfig;
import io.hftbus.nats.NatsTransport;
import io.hftbus.nats.testing.NatsServer;
import io.hftbus.stats.StatsCollector;
import io.hftbus.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two halves of the bridged pipeline, against a real server: B receives what A sent, and says its lag. */
class BridgedPipelineTest {

    @Test
    void processBReceivesEverythingProcessASentAndDecisionsComeBack(@TempDir Path dir) throws Exception {
        String output;
        try (NatsServer server = NatsServer.start(dir)) {
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                BridgedPipeline.main(new String[] {"--role", "both", "--nats", server.url(), "--seconds", "2"});
            } finally {
                System.setOut(original);
            }
            output = captured.toString(StandardCharsets.UTF_8);
        }
        assertThat(output).contains("B execution: received").contains("lag").contains("transit");
        long sent = number(output, "A trading:   done: .*; bridge sent (\\d+), acked \\1");
        long received = number(output, "B execution: done: received (\\d+) events from A");
        assertThat(sent).as("A sent; its output:%n%s", output).isPositive();
        assertThat(received).as("what B received is what A sent; output:%n%s", output).isEqualTo(sent);
        assertThat(number(output, "A trading:   done: .* (\\d+) signals;")).isPositive();
        assertThat(number(output, "B execution: done: .*; (\\d+) approved")).isPositive();
    }

    @Test
    void theMonitorOfABridgedBusShowsTheBridgesCountersBesideTheStatistics(@TempDir Path dir) throws Exception {
        int events = 500;
        StatsCollector stats = new StatsCollector();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (NatsServer server = NatsServer.start(dir);
             NatsTransport transport = NatsTransport.connect(NatsConfig.localhost().withServers(server.url()));
             EventBus bus = EventBus.builder().name(BridgedPipeline.TRADING).observer(stats).build();
             Bridge bridge = Bridge.start(bus, transport,
                     BridgeConfig.defaults().withOutbound(EnumSet.of(EventType.MARKET_DATA)));
             WebMonitor monitor = BridgedPipeline.monitor(bus, stats, bridge, 0, "A trading:  ",
                     new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i < events; i++) {
                bus.publish(SampleEvents.tick(i));
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("A trading:   monitor: http://127.0.0.1:");

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI snapshotUri = monitor.uri().resolve("/api/snapshot");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            JsonNode snapshot;
            do {
                assertThat(System.nanoTime() - deadline).as("the bridge's %d acks on the page within 15 s", events)
                        .isNegative();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(snapshotUri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                snapshot = new ObjectMapper().readTree(response.body());
            } while (snapshot.at("/counters/bridge/acked").asLong() < events
                    || snapshot.at("/totals/published").asLong() < events);

            assertThat(snapshot.at("/counters/bridge/sent").asLong()).isEqualTo(events);
            assertThat(snapshot.at("/counters/bridge/dropped").asLong()).isZero();
            assertThat(snapshot.at("/counters/bridge").size()).isEqualTo(bridge.stats().counters().size());
            assertThat(snapshot.at("/totals/published").asLong()).isEqualTo(events);
        }
    }

    private static long number(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        assertThat(matcher.find()).as("output has /%s/:%n%s", pattern, output).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
