package io.hftbus.monitor;

import com.sun.net.httpserver.HttpServer;
import io.hftbus.api.EventBus;
import io.hftbus.api.stats.BusStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A live web monitor of one bus, on the JDK's own HTTP server ({@code jdk.httpserver}): no servlet
 * container, no network access needed by the page.
 *
 * <pre>{@code
 * StatsCollector stats = new StatsCollector();
 * try (EventBus bus = EventBus.builder().name("trading").observer(stats).build();
 *      WebMonitor monitor = WebMonitor.builder(bus, stats).port(8080).start()) {
 *     System.out.println("monitor at " + monitor.pageUri());
 *     ...
 * }
 * }</pre>
 *
 * <p>It serves:
 * <ul>
 *   <li>{@code /}: one page with charts (bundled uPlot) of the per-type event rates, lane depths and
 *       latency percentiles over the last minutes, and tables of drops by reason, handler failures,
 *       stream lag and the application's extra counters;</li>
 *   <li>{@code /api/snapshot}: the latest sample as JSON (written with Jackson);</li>
 *   <li>{@code /metrics}: Prometheus text, when the builder was given a scrape
 *       ({@link Builder#prometheus(Supplier)}, for example {@code PrometheusMeterRegistry::scrape}
 *       with {@code bus-metrics} bound to it);</li>
 *   <li>{@code /events}: server-sent events, one sample per {@linkplain Builder#sampleInterval interval}.</li>
 * </ul>
 *
 * <p><b>Nothing on the bus's threads.</b> A sampler thread of the monitor reads the statistics
 * once per interval and serialises the sample once; every client is sent those bytes. The bus's
 * publishers and dispatch threads are never called, and the statistics' read lock is not theirs.
 *
 * <p><b>Security.</b> It binds to the loopback address unless told otherwise. Binding to any
 * other address requires a {@linkplain Builder#token(String) token}, which every request must
 * then carry, the event stream's included. No event and no payload is ever served: figures only.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class WebMonitor implements AutoCloseable {

    /** The port {@link Builder} uses unless told otherwise. */
    public static final int DEFAULT_PORT = 8686;

    /** How often a sample is taken and streamed unless the builder says otherwise. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    /** How many clients the event stream serves at once unless the builder says otherwise. */
    public static final int DEFAULT_MAX_EVENT_STREAMS = 16;

    /** The shortest token the builder accepts: long enough not to be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final AtomicInteger SERVER_THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Sampler sampler;
    private final String token;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebMonitor(Builder builder) {
        this.token = builder.token;
        SampleBoard board = new SampleBoard();
        this.sampler = new Sampler(builder.busName, builder.stats, Map.copyOf(builder.counters),
                builder.sampleInterval.toNanos(), board);
        // Each event-stream client holds a thread while it listens; other requests are short.
        this.executor = new ThreadPoolExecutor(0, builder.maxEventStreams + 8, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "hftbus-monitor-http-" + SERVER_THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            this.server = HttpServer.create(new InetSocketAddress(builder.address, builder.port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("the monitor of bus '" + builder.busName + "' could not listen on "
                    + builder.address.getHostAddress() + ":" + builder.port + ": " + e.getMessage(), e);
        }
        server.createContext("/", new MonitorHandler(builder.token, board, builder.prometheus, builder.maxEventStreams));
        server.setExecutor(executor);
    }

    /**
     * A builder of a monitor of {@code bus}, read through {@code stats} (its {@code StatsCollector}).
     *
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(EventBus bus, BusStats stats) {
        if (bus == null) {
            throw new NullPointerException("bus must not be null");
        }
        return new Builder(bus.name(), stats);
    }

    /** A random token of 32 hexadecimal digits (128 bits), for {@link Builder#token(String)}. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private WebMonitor start() {
        try {
            sampler.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        server.start();
        return this;
    }

    /** The port the monitor listens on (the one chosen when the builder was given 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address the monitor listens on. */
    public InetAddress address() {
        return server.getAddress().getAddress();
    }

    /** The monitor's base URI, without the token: {@code http://host:port/}. */
    public URI uri() {
        InetAddress address = address();
        String host = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                : address.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The page's URI, with the token as its query when the monitor has one: what a person opens. */
    public URI pageUri() {
        return token == null ? uri() : URI.create(uri() + "?token=" + token);
    }

    /** Stops serving, ends every event stream and stops the sampler; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // The board's close wakes the event streams, which then end their exchanges.
        sampler.close();
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "WebMonitor[" + uri() + "]";
    }

    /** Builds and starts a {@link WebMonitor}. Not thread-safe. */
    public static final class Builder {

        private final String busName;
        private final BusStats stats;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private String token;
        private Supplier<String> prometheus;
        private final Map<String, Supplier<Map<String, Long>>> counters = new LinkedHashMap<>();
        private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;
        private int maxEventStreams = DEFAULT_MAX_EVENT_STREAMS;

        private Builder(String busName, BusStats stats) {
            if (stats == null) {
                throw new NullPointerException("stats must not be null");
            }
            this.busName = busName;
            this.stats = stats;
        }

        /**
         * The address to listen on; default the loopback address. Any other address (a host's, or
         * {@code 0.0.0.0} for all) needs a {@link #token(String)}.
         *
         * @throws NullPointerException if null
         */
        public Builder address(InetAddress address) {
            if (address == null) {
                throw new NullPointerException("address must not be null");
            }
            this.address = address;
            return this;
        }

        /**
         * As {@link #address(InetAddress)}, by name or literal ({@code "0.0.0.0"}, {@code "10.0.0.5"}).
         *
         * @throws IllegalArgumentException if the host cannot be resolved
         */
        public Builder address(String host) {
            if (host == null) {
                throw new NullPointerException("address must not be null");
            }
            try {
                return address(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("address '" + host + "' cannot be resolved", e);
            }
        }

        /**
         * The port, within {@code [0, 65535]}; 0 takes any free one ({@link WebMonitor#port()} tells
         * which). Default {@value #DEFAULT_PORT}.
         *
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within [0, 65535] but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The token every request must carry, as {@code Authorization: Bearer <token>} or as the
         * query parameter {@code token}: at least {@value #MIN_TOKEN_LENGTH} characters of letters,
         * digits, {@code -}, {@code _} and {@code .}. {@link WebMonitor#newToken()} makes one.
         *
         * @throws IllegalArgumentException if too short or with other characters
         * @throws NullPointerException     if null
         */
        public Builder token(String token) {
            if (token == null) {
                throw new NullPointerException("token must not be null");
            }
            if (token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("token must have at least " + MIN_TOKEN_LENGTH
                        + " characters but had " + token.length());
            }
            if (!token.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("token must hold only letters, digits, '-', '_' and '.'");
            }
            this.token = token;
            return this;
        }

        /**
         * Serves {@code scrape}'s text at {@code /metrics}, for example
         * {@code prometheusRegistry::scrape} with {@code bus-metrics} bound to the registry. Without
         * it, {@code /metrics} answers 404. Called on an HTTP thread per request.
         *
         * @throws NullPointerException if null
         */
        public Builder prometheus(Supplier<String> scrape) {
            if (scrape == null) {
                throw new NullPointerException("prometheus scrape must not be null");
            }
            this.prometheus = scrape;
            return this;
        }

        /**
         * Adds a group of the application's own counters to every sample, shown on the page, for
         * example a journal's: {@code counters("journal", () -> Map.of("recorded", recorder.recordedCount()))}.
         * Called on the sampler thread once per sample; it must be quick and not block.
         *
         * @throws IllegalArgumentException if {@code group} is blank or already added
         * @throws NullPointerException     if an argument is null
         */
        public Builder counters(String group, Supplier<Map<String, Long>> counters) {
            if (group == null) {
                throw new NullPointerException("counters group must not be null");
            }
            if (group.isBlank()) {
                throw new IllegalArgumentException("counters group must not be blank");
            }
            if (counters == null) {
                throw new NullPointerException("counters of group '" + group + "' must not be null");
            }
            if (this.counters.putIfAbsent(group, counters) != null) {
                throw new IllegalArgumentException("counters group '" + group + "' was added already");
            }
            return this;
        }

        /**
         * How often a sample is taken and streamed: within {@code [10 ms, 1 min]}. Default
         * {@link #DEFAULT_SAMPLE_INTERVAL}.
         *
         * @throws IllegalArgumentException if out of range
         * @throws NullPointerException     if null
         */
        public Builder sampleInterval(Duration interval) {
            if (interval == null) {
                throw new NullPointerException("sampleInterval must not be null");
            }
            if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("sampleInterval must be within [10ms, 1m] but was " + interval);
            }
            this.sampleInterval = interval;
            return this;
        }

        /**
         * How many clients the event stream serves at once; more are answered 503. Within
         * {@code [1, 256]}; default {@value #DEFAULT_MAX_EVENT_STREAMS}.
         *
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxEventStreams(int max) {
            if (max < 1 || max > 256) {
                throw new IllegalArgumentException("maxEventStreams must be within [1, 256] but was " + max);
            }
            this.maxEventStreams = max;
            return this;
        }

        /**
         * Starts the monitor: takes the first sample, then listens.
         *
         * @throws IllegalStateException  if the address is not a loopback address and no token was given
         * @throws UncheckedIOException   if the port cannot be bound
         */
        public WebMonitor start() {
            if (!address.isLoopbackAddress() && token == null) {
                throw new IllegalStateException("the monitor of bus '" + busName + "' would listen on "
                        + address.getHostAddress() + ", beyond this host: give it a token (WebMonitor.newToken())");
            }
            return new WebMonitor(this).start();
        }
    }
}
