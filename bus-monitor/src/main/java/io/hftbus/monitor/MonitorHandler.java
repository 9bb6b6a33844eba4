package io.hftbus.monitor;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every request of the monitor: checks the token, the path and the method, in that order, then
 * answers. What it answers with is figures only (statistics, counters, the page): never an event.
 *
 * <ul>
 *   <li>401 without the right token, when the monitor has one (header
 *       {@code Authorization: Bearer <token>}, query parameter {@code token}, or the cookie the
 *       page is given with it), whatever the path, so that a client without it learns nothing;</li>
 *   <li>404 for any path but the page, its assets, {@code /api/snapshot}, {@code /metrics} (when the
 *       monitor has a scrape) and {@code /events};</li>
 *   <li>405 for any method but {@code GET} and {@code HEAD}, with {@code Allow};</li>
 *   <li>503 when the event stream already has its most clients.</li>
 * </ul>
 *
 * <p>Thread-safe: the HTTP server calls it on its executor's threads, one per exchange; an event
 * stream keeps its thread for as long as the client listens.
 */
final class MonitorHandler implements HttpHandler {

    /** A comment line to the event stream when no sample came, so that proxies and clients see it alive. */
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(15);

    /**
     * The cookie the page is given with its token, so that the browser's requests for the page's
     * scripts, styles and event stream, which cannot carry a header or a query of their own, carry it.
     */
    static final String TOKEN_COOKIE = "hftbus-monitor-token";

    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("index.html", "text/html; charset=utf-8"),
            "/assets/monitor.js", new Asset("monitor.js", "text/javascript; charset=utf-8"),
            "/assets/monitor.css", new Asset("monitor.css", "text/css; charset=utf-8"),
            "/assets/uPlot.iife.min.js", new Asset("uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "/assets/uPlot.min.css", new Asset("uPlot.min.css", "text/css; charset=utf-8"));

    private final byte[] token;
    private final SampleBoard board;
    private final Supplier<String> prometheus;
    private final Semaphore eventStreams;

    MonitorHandler(String token, SampleBoard board, Supplier<String> prometheus, int maxEventStreams) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.board = board;
        this.prometheus = prometheus;
        this.eventStreams = new Semaphore(maxEventStreams);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (!authorised(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"hftbus-monitor\"");
            text(exchange, 401, "401 Unauthorized: this monitor needs its token "
                    + "(header 'Authorization: Bearer <token>' or query parameter 'token')\n");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        Asset asset = ASSETS.get(path);
        boolean known = asset != null || path.equals("/api/snapshot") || path.equals("/events")
                || (path.equals("/metrics") && prometheus != null);
        if (!known) {
            text(exchange, 404, "404 Not Found: " + (path.equals("/metrics")
                    ? "this monitor was started without Prometheus metrics (docs/monitoring.md)"
                    : "the monitor serves /, /api/snapshot, /metrics and /events") + "\n");
            return;
        }
        String method = exchange.getRequestMethod();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            text(exchange, 405, "405 Method Not Allowed: " + method + "; the monitor answers GET and HEAD\n");
            return;
        }
        if (asset != null) {
            if (asset.file().equals("index.html")) {
                if (token != null) {
                    // HttpOnly: no script reads it; Strict: no other site's page sends it.
                    exchange.getResponseHeaders().set("Set-Cookie", TOKEN_COOKIE + "="
                            + new String(token, StandardCharsets.UTF_8) + "; Path=/; HttpOnly; SameSite=Strict");
                }
                // The page runs only its own scripts and styles: nothing from elsewhere, nothing inline.
                exchange.getResponseHeaders().set("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            }
            send(exchange, 200, asset.contentType(), asset.bytes(), head);
        } else if (path.equals("/api/snapshot")) {
            Sample sample = board.latest();
            if (sample == null) {
                text(exchange, 503, "503 Service Unavailable: the monitor has taken no sample yet\n");
            } else {
                send(exchange, 200, "application/json", sample.json(), head);
            }
        } else if (path.equals("/metrics")) {
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    prometheus.get().getBytes(StandardCharsets.UTF_8), head);
        } else if (head) {
            send(exchange, 200, "text/event-stream", new byte[0], true);
        } else {
            events(exchange);
        }
    }

    /** Streams one sample per sampler interval until the client leaves or the monitor closes. */
    private void events(HttpExchange exchange) throws IOException {
        if (!eventStreams.tryAcquire()) {
            exchange.getResponseHeaders().set("Retry-After", "10");
            text(exchange, 503, "503 Service Unavailable: the event stream has its most clients\n");
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            Sample sample = board.latest();
            long sent = 0;
            while (true) {
                if (sample != null) {
                    out.write(("id: " + sample.sequence() + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
                    out.write(sample.json());
                    out.write('\n');
                    out.write('\n');
                    sent = sample.sequence();
                } else {
                    out.write(KEEP_ALIVE);
                }
                out.flush();
                sample = board.awaitAfter(sent, KEEP_ALIVE_NANOS);
                if (sample == null && board.isClosed()) {
                    return;
                }
            }
        } catch (IOException gone) {
            // The client went away: nothing to answer any more.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            eventStreams.release();
        }
    }

    private boolean authorised(HttpExchange exchange) {
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return matches(header.substring("Bearer ".length()));
        }
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String cookie : cookies.split(";")) {
                String trimmed = cookie.trim();
                if (trimmed.startsWith(TOKEN_COOKIE + "=") && matches(trimmed.substring(TOKEN_COOKIE.length() + 1))) {
                    return true;
                }
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("token=")) {
                    try {
                        return matches(URLDecoder.decode(parameter.substring("token=".length()), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException badEscape) {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    /** In time independent of where the given token differs, so that timing does not reveal it. */
    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8),
                exchange.getRequestMethod().equals("HEAD"));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean head)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A file of the page, read once from the module's resources. */
    private record Asset(String file, String contentType) {

        byte[] bytes() {
            return Assets.read(file);
        }
    }

    /** The page's files, loaded on first use and kept. */
    static final class Assets {

        private static final Map<String, byte[]> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

        private Assets() {
        }

        static byte[] read(String file) {
            return LOADED.computeIfAbsent(file, name -> {
                try (InputStream in = MonitorHandler.class.getResourceAsStream("assets/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the monitor's jar lacks its asset " + name);
                    }
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the monitor's asset " + name, e);
                }
            });
        }
    }
}
