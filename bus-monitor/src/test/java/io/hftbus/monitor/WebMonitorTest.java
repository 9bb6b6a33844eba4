package io.hftbus.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.Priority;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import io.hftbus.stats.StatsCollector;
import io.hftbus.testing.SampleEvents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor over HTTP: what each path answers, and what it refuses, with which status. */
class WebMonitorTest {

    private static final String TOKEN = "0123456789abcdef-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StatsCollector stats;
    private EventBus bus;

    @BeforeEach
    void startBus() {
        stats = new StatsCollector();
        bus = EventBus.builder().name("monitored").observer(stats).build();
        bus.subscribe("md", MarketDataEvent.class, envelope -> { });
        for (EventType type : EventType.values()) {
            bus.publish(SampleEvents.of(type, 1));
        }
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void thePageItsAssetsAndTheSnapshotAreServedOnLoopback() throws Exception {
        try (WebMonitor monitor = local().start()) {
            assertThat(monitor.address().isLoopbackAddress()).isTrue();
            HttpResponse<String> page = get(monitor.uri(), "GET");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
            assertThat(page.body()).contains("<script src=\"/assets/uPlot.iife.min.js\"></script>")
                    .doesNotContain("http://", "https://");
            for (String asset : List.of("assets/monitor.js", "assets/monitor.css", "assets/uPlot.iife.min.js",
                    "assets/uPlot.min.css")) {
                HttpResponse<String> response = get(monitor.uri().resolve(asset), "GET");
                assertThat(response.statusCode()).as(asset).isEqualTo(200);
                assertThat(response.body()).as(asset).isNotEmpty();
            }
            assertThat(get(monitor.uri().resolve("assets/uPlot.iife.min.js"), "GET").body()).contains("uPlot");
        }
    }

    @Test
    void theSnapshotIsTheStatisticsAsJson() throws Exception {
        try (WebMonitor monitor = local().counters("journal", () -> Map.of("recorded", 42L)).start()) {
            awaitDelivered(EventType.MARKET_DATA, 1);
            JsonNode json = awaitSnapshot(monitor, node -> node.at("/types/0/received").asLong() == 1);
            assertThat(get(monitor.uri().resolve("api/snapshot"), "GET").headers().firstValue("Content-Type"))
                    .contains("application/json");
            StatsSnapshot snapshot = stats.snapshot();
            assertThat(json.get("bus").asText()).isEqualTo("monitored");
            assertThat(json.get("types")).hasSize(EventType.count());
            for (int i = 0; i < EventType.count(); i++) {
                TypeStats type = snapshot.types().get(i);
                JsonNode node = json.get("types").get(i);
                assertThat(node.get("type").asText()).isEqualTo(type.type().name());
                assertThat(node.get("published").asLong()).isEqualTo(type.published());
                assertThat(node.get("received").asLong()).isEqualTo(type.received());
                assertThat(node.at("/dropped/LANE_FULL").asLong()).isEqualTo(type.droppedLaneFull());
                assertThat(node.at("/latency/available").asBoolean()).isTrue();
            }
            for (int i = 0; i < Priority.count(); i++) {
                LaneStats lane = snapshot.lanes().get(i);
                assertThat(json.at("/lanes/" + i + "/lane").asText()).isEqualTo(lane.priority().name());
                assertThat(json.at("/lanes/" + i + "/capacity").asInt()).isEqualTo(lane.capacity());
            }
            assertThat(json.at("/subscribers/0/name").asText()).isEqualTo("md");
            assertThat(json.at("/subscribers/0/types/0").asText()).isEqualTo("MARKET_DATA");
            assertThat(json.at("/counters/journal/recorded").asLong()).isEqualTo(42);
            assertThat(json.at("/totals/published").asLong()).isEqualTo(snapshot.published());
        }
    }

    @Test
    void theEventStreamPushesOneSamplePerIntervalWithIncreasingIds() throws Exception {
        try (WebMonitor monitor = local().start()) {
            HttpResponse<Stream<String>> response = client.send(
                    HttpRequest.newBuilder(monitor.uri().resolve("events")).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
            List<Long> ids = new ArrayList<>();
            List<JsonNode> samples = new ArrayList<>();
            try (Stream<String> lines = response.body()) {
                Iterator<String> it = lines.iterator();
                CompletableFuture<Void> three = CompletableFuture.runAsync(() -> {
                    while (samples.size() < 3 && it.hasNext()) {
                        String line = it.next();
                        if (line.startsWith("id: ")) {
                            ids.add(Long.parseLong(line.substring(4)));
                        } else if (line.startsWith("data: ")) {
                            try {
                                samples.add(JSON.readTree(line.substring(6)));
                            } catch (IOException e) {
                                throw new AssertionError(line, e);
                            }
                        }
                    }
                });
                three.get(10, TimeUnit.SECONDS);
            }
            assertThat(samples).hasSize(3);
            assertThat(ids).hasSize(3).isSorted().doesNotHaveDuplicates();
            for (int i = 0; i < 3; i++) {
                assertThat(samples.get(i).get("sequence").asLong()).isEqualTo(ids.get(i));
            }
        }
    }

    @Test
    void theSamplerReadsTheStatisticsOnItsOwnThreadOnly() throws Exception {
        Set<String> readers = ConcurrentHashMap.newKeySet();
        BusStats watched = new BusStats() {
            @Override
            public StatsSnapshot snapshot() {
                readers.add(Thread.currentThread().getName());
                return stats.snapshot();
            }

            @Override
            public TypeStats of(EventType type) {
                throw new AssertionError("the monitor reads snapshots only");
            }

            @Override
            public LaneStats lane(Priority priority) {
                throw new AssertionError("the monitor reads snapshots only");
            }
        };
        try (WebMonitor monitor = WebMonitor.builder(bus, watched).port(0).sampleInterval(Duration.ofMillis(20)).start()) {
            awaitSnapshot(monitor, node -> node.get("sequence").asLong() >= 3);
            assertThat(get(monitor.uri().resolve("api/snapshot"), "GET").statusCode()).isEqualTo(200);
        }
        assertThat(readers).containsExactly("hftbus-monitor-sampler-monitored");
    }

    @Test
    void badPathsAndMethodsGetTheirStatus() throws Exception {
        try (WebMonitor monitor = local().start()) {
            assertThat(get(monitor.uri().resolve("nope"), "GET").statusCode()).isEqualTo(404);
            assertThat(get(monitor.uri().resolve("assets/../index.html"), "GET").statusCode()).isEqualTo(404);
            assertThat(get(monitor.uri().resolve("api/snapshot/"), "GET").statusCode()).isEqualTo(404);
            assertThat(get(monitor.uri().resolve("assets/monitor.js%00"), "GET").statusCode()).isEqualTo(404);
            HttpResponse<String> metrics = get(monitor.uri().resolve("metrics"), "GET");
            assertThat(metrics.statusCode()).isEqualTo(404);
            assertThat(metrics.body()).contains("without Prometheus metrics");
            for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH")) {
                HttpResponse<String> refused = get(monitor.uri().resolve("api/snapshot"), method);
                assertThat(refused.statusCode()).as(method).isEqualTo(405);
                assertThat(refused.headers().firstValue("Allow")).as(method).contains("GET, HEAD");
            }
            HttpResponse<String> head = get(monitor.uri().resolve("api/snapshot"), "HEAD");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void prometheusTextIsServedWhenGivenAScrape() throws Exception {
        try (WebMonitor monitor = local().prometheus(() -> "hftbus_events_published_total{bus=\"monitored\"} 16.0\n").start()) {
            HttpResponse<String> metrics = get(monitor.uri().resolve("metrics"), "GET");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body()).isEqualTo("hftbus_events_published_total{bus=\"monitored\"} 16.0\n");
        }
    }

    @Test
    void beyondLoopbackEveryRequestNeedsTheToken() throws Exception {
        assertThatThrownBy(() -> WebMonitor.builder(bus, stats).address("0.0.0.0").port(0).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.0.0.0").hasMessageContaining("token");
        try (WebMonitor monitor = WebMonitor.builder(bus, stats).address("0.0.0.0").port(0).token(TOKEN)
                .sampleInterval(Duration.ofMillis(50)).start()) {
            URI base = monitor.uri();
            for (String path : List.of("", "api/snapshot", "events", "metrics", "assets/monitor.js", "nope")) {
                HttpResponse<String> refused = get(base.resolve(path), "GET");
                assertThat(refused.statusCode()).as("/" + path + " without a token").isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).get().asString().startsWith("Bearer");
                assertThat(get(URI.create(base + path + "?token=wrong-wrong-wrong-wrong"), "GET").statusCode())
                        .as("/" + path + " with a wrong token").isEqualTo(401);
            }
            assertThat(get(base.resolve("api/snapshot"), "POST").statusCode()).as("a method without a token").isEqualTo(401);
            assertThat(get(URI.create(base + "api/snapshot?token=" + TOKEN), "GET").statusCode()).isEqualTo(200);
            HttpResponse<String> page = get(monitor.pageUri(), "GET");
            assertThat(page.statusCode()).isEqualTo(200);
            // The page's own requests (scripts, styles, the event stream) carry the token as a cookie.
            assertThat(page.headers().firstValue("Set-Cookie")).get().asString()
                    .startsWith(MonitorHandler.TOKEN_COOKIE + "=" + TOKEN + ";").contains("HttpOnly").contains("SameSite=Strict");
            HttpResponse<String> withCookie = client.send(HttpRequest.newBuilder(base.resolve("assets/monitor.js"))
                    .header("Cookie", "other=1; " + MonitorHandler.TOKEN_COOKIE + "=" + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withCookie.statusCode()).isEqualTo(200);
            HttpResponse<String> wrongCookie = client.send(HttpRequest.newBuilder(base.resolve("assets/monitor.js"))
                    .header("Cookie", MonitorHandler.TOKEN_COOKIE + "=wrong-wrong-wrong-wrong").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrongCookie.statusCode()).isEqualTo(401);
            HttpResponse<String> bearer = client.send(HttpRequest.newBuilder(base.resolve("api/snapshot"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bearer.statusCode()).isEqualTo(200);
            HttpResponse<Stream<String>> events = client.send(
                    HttpRequest.newBuilder(URI.create(base + "events?token=" + TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(events.statusCode()).isEqualTo(200);
            events.body().close();
        }
    }

    @Test
    void tooManyEventStreamClientsAreAskedToComeBackLater() throws Exception {
        try (WebMonitor monitor = local().maxEventStreams(1).start()) {
            HttpResponse<Stream<String>> first = client.send(
                    HttpRequest.newBuilder(monitor.uri().resolve("events")).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(first.statusCode()).isEqualTo(200);
            HttpResponse<String> second = get(monitor.uri().resolve("events"), "GET");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            first.body().close();
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> WebMonitor.builder(bus, stats).port(65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port").hasMessageContaining("65536");
        assertThatThrownBy(() -> WebMonitor.builder(bus, stats).token("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token").hasMessageContaining("16");
        assertThatThrownBy(() -> WebMonitor.builder(bus, stats).token("with spaces and more than 16"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> WebMonitor.builder(bus, stats).sampleInterval(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleInterval");
        assertThatThrownBy(() -> WebMonitor.builder(bus, stats).address("no-such-host.invalid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-host.invalid");
        assertThatThrownBy(() -> WebMonitor.builder(bus, stats).counters("journal", Map::of).counters("journal", Map::of))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'journal'");
        assertThatThrownBy(() -> WebMonitor.builder(bus, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stats");
        assertThat(WebMonitor.newToken()).hasSize(32).matches("[0-9a-f]+").isNotEqualTo(WebMonitor.newToken());
    }

    @Test
    void eachSampleCarriesTheLatencyOfItsIntervalBesideThatSinceStart() throws Exception {
        awaitDelivered(EventType.MARKET_DATA, 1);
        int md = EventType.MARKET_DATA.ordinal();
        try (WebMonitor monitor = local().sampleInterval(Duration.ofMillis(300)).start()) {
            for (int i = 0; i < 7; i++) {
                bus.publish(SampleEvents.of(EventType.MARKET_DATA, 10 + i));
            }
            JsonNode busy = awaitSnapshot(monitor, node -> node.at("/types/" + md + "/intervalLatency/count").asLong() > 0);
            assertThat(busy.at("/types/" + md + "/intervalLatency/count").asLong())
                    .as("the interval has some of the 7 new events and none of the one before").isBetween(1L, 7L);
            assertThat(busy.at("/types/" + md + "/intervalLatency/p99").asLong()).isPositive();

            JsonNode quiet = awaitSnapshot(monitor, node -> node.at("/types/" + md + "/latency/count").asLong() == 8
                    && node.at("/types/" + md + "/intervalLatency/count").asLong() == 0);
            assertThat(quiet.at("/types/" + md + "/intervalLatency/available").asBoolean()).isTrue();
            assertThat(quiet.at("/types/" + md + "/intervalLatency/p50").isMissingNode()).isFalse();
        }
    }

    private WebMonitor.Builder local() {
        return WebMonitor.builder(bus, stats).port(0).sampleInterval(Duration.ofMillis(50));
    }

    private HttpResponse<String> get(URI uri, String method) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitSnapshot(WebMonitor monitor, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode json = JSON.readTree(get(monitor.uri().resolve("api/snapshot"), "GET").body());
            if (condition.test(json)) {
                return json;
            }
            assertThat(System.nanoTime() - deadline).as("a snapshot as awaited within 10 s: %s", json).isNegative();
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private void awaitDelivered(EventType type, long received) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats.of(type).received() < received) {
            assertThat(System.nanoTime() - deadline).as("deliveries within 10 s").isNegative();
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
