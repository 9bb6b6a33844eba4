package io.hftbus.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The trading pipeline with {@code --monitor}, its page opened in a real headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}, driven by Selenium): the charts receive data and
 * update, the page's numbers are those of {@code /api/snapshot} of the same sample, and beyond
 * loopback a request without the token is refused. One pipeline run and one browser for the class;
 * a screenshot of the page goes to {@code target/monitor.png}.
 */
class MonitorInBrowserTest {

    private static final Pattern MONITOR_LINE = Pattern.compile("^monitor: (\\S+)$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Thread pipeline;
    private static final AtomicInteger EXIT = new AtomicInteger(Integer.MIN_VALUE);
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static URI page;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @BeforeAll
    static void startThePipelineAndTheBrowser() throws Exception {
        PrintStream out = new PrintStream(OUT, true, StandardCharsets.UTF_8);
        pipeline = new Thread(() -> {
            try {
                EXIT.set(TradingPipeline.run(new String[] {"--duration", "15s", "--warmup", "0", "--quiet",
                        "--monitor", "0", "--monitor-address", "0.0.0.0"}, out, out));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pipeline-under-monitor");
        pipeline.start();
        await("the pipeline prints the monitor's address", () -> MONITOR_LINE.matcher(output()).find(), 20);
        Matcher line = MONITOR_LINE.matcher(output());
        assertThat(line.find()).isTrue();
        page = URI.create(line.group(1));
        assertThat(page.getQuery()).as("beyond loopback the printed address carries the token").startsWith("token=");

        chromium = new HeadlessChromium();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopTheBrowserAndThePipeline() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (pipeline != null) {
            pipeline.join(TimeUnit.SECONDS.toMillis(40));
            assertThat(pipeline.isAlive()).as("the pipeline ends").isFalse();
            assertThat(EXIT.get()).as("the pipeline's exit code; output:%n%s", output()).isZero();
        }
    }

    @Test
    void theChartsReceiveDataAndUpdateAtLeastTwice() throws Exception {
        browser.get(page.toString());
        await("the page draws its first chart data", () -> chartUpdates() >= 1, 10);
        // The update count and the chart's points are read by one script, so no update falls between them.
        List<?> before = (List<?>) script(
                "return [hftbusMonitor.chartUpdates, hftbusMonitor.charts.rates.data[0].length];");
        long first = ((Number) before.get(0)).longValue();
        long points = ((Number) before.get(1)).longValue();
        await("two more chart updates", () -> chartUpdates() >= first + 2, 10);
        List<?> after = (List<?>) script(
                "return [hftbusMonitor.chartUpdates, hftbusMonitor.charts.rates.data[0].length];");
        long updates = ((Number) after.get(0)).longValue() - first;
        long later = ((Number) after.get(1)).longValue();
        assertThat(later).as("points on the rate chart after %d more updates", updates)
                .isGreaterThanOrEqualTo(points + 2);
        // The market-data series (the first type) carries the feed's rate, and the latency chart has points.
        Number rate = (Number) script("var d = hftbusMonitor.charts.rates.data; return d[1][d[1].length - 1];");
        assertThat(rate.doubleValue()).as("market-data events per second on the chart").isPositive();
        Number p99 = (Number) script("var d = hftbusMonitor.charts.latency.data; return d[2][d[2].length - 1];");
        assertThat(p99.doubleValue()).as("the market-data p99 on the latency chart, µs").isPositive();
        Path screenshot = Path.of("target", "monitor.png");
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void theNumbersOnThePageAreThoseOfTheSnapshotOfTheSameSample() throws Exception {
        browser.get(page.toString());
        await("the page shows a sample", () -> chartUpdates() >= 1, 10);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = (Map<String, Object>) script(
                    "var t = function (id) { return document.getElementById(id).textContent; };"
                            + "var types = {}; hftbusMonitor.last.types.forEach(function (x) {"
                            + "  types[x.type] = [t('type-' + x.type + '-published'), t('type-' + x.type + '-received'),"
                            + "                   t('type-' + x.type + '-LANE_FULL'), t('type-' + x.type + '-handlerFailures')]; });"
                            + "var lanes = {}; hftbusMonitor.last.lanes.forEach(function (x) {"
                            + "  lanes[x.lane] = [t('lane-' + x.lane + '-depth'), t('lane-' + x.lane + '-highWaterMark')]; });"
                            + "return {sequence: t('sequence'), published: t('total-published'),"
                            + "        received: t('total-received'), dropped: t('total-dropped'), types: types, lanes: lanes};");
            JsonNode snapshot = JSON.readTree(get(URI.create(page.resolve("/api/snapshot") + "?" + page.getQuery())).body());
            if (!snapshot.get("sequence").asText().equals(shown.get("sequence"))) {
                assertThat(System.nanoTime() - deadline).as("the page and the snapshot at one sample within 10 s")
                        .isNegative();
                continue;
            }
            assertThat(shown.get("published")).isEqualTo(snapshot.at("/totals/published").asText());
            assertThat(shown.get("received")).isEqualTo(snapshot.at("/totals/received").asText());
            assertThat(shown.get("dropped")).isEqualTo(snapshot.at("/totals/dropped").asText());
            @SuppressWarnings("unchecked")
            Map<String, List<String>> types = (Map<String, List<String>>) shown.get("types");
            for (JsonNode type : snapshot.get("types")) {
                assertThat(types.get(type.get("type").asText())).as(type.get("type").asText()).containsExactly(
                        type.get("published").asText(), type.get("received").asText(),
                        type.at("/dropped/LANE_FULL").asText(), type.get("handlerFailures").asText());
            }
            @SuppressWarnings("unchecked")
            Map<String, List<String>> lanes = (Map<String, List<String>>) shown.get("lanes");
            for (JsonNode lane : snapshot.get("lanes")) {
                assertThat(lanes.get(lane.get("lane").asText())).as(lane.get("lane").asText())
                        .containsExactly(lane.get("depth").asText(), lane.get("highWaterMark").asText());
            }
            assertThat(snapshot.at("/totals/published").asLong()).as("the pipeline has published").isPositive();
            return;
        }
    }

    @Test
    void beyondLoopbackARequestWithoutTheTokenIsRefused() throws Exception {
        URI base = page.resolve("/");
        for (String path : List.of("/", "/api/snapshot", "/events", "/metrics")) {
            assertThat(get(base.resolve(path)).statusCode()).as(path + " without the token").isEqualTo(401);
        }
        browser.get(base.toString());
        assertThat(browser.getPageSource()).contains("401 Unauthorized");
        HttpResponse<String> metrics = get(URI.create(base.resolve("/metrics") + "?" + page.getQuery()));
        assertThat(metrics.statusCode()).as("/metrics with the token").isEqualTo(200);
        assertThat(metrics.body()).contains("hftbus_events_published_total{bus=\"trading\",type=\"MARKET_DATA\"}");
    }

    private static long chartUpdates() {
        Object updates = script("return window.hftbusMonitor ? hftbusMonitor.chartUpdates : 0;");
        return ((Number) updates).longValue();
    }

    private static Object script(String script) {
        return chromium.script(script);
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String output() {
        synchronized (OUT) {
            return OUT.toString(StandardCharsets.UTF_8);
        }
    }

    private static void await(String what, BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " within " + seconds + " s failed; the page's console:\n"
                        + (chromium == null ? "(no browser yet)" : chromium.console()) + "\npipeline output:\n" + output());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
