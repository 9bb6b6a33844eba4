package io.hftbus.examples.bridge;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.bridge.BridgeStats;
import io.hftbus.examples.pipeline.ExecutionSimulator;
import io.hftbus.examples.pipeline.FeaturePipeline;
import io.hftbus.examples.pipeline.Instrument;
import io.hftbus.examples.pipeline.MarketDataEngine;
import io.hftbus.examples.pipeline.MeanReversionStrategy;
import io.hftbus.examples.pipeline.PnlTracker;
import io.hftbus.examples.pipeline.RiskManager;
import io.hftbus.examples.pipeline.SyntheticMarket;
import io.hftbus.monitor.WebMonitor;
import io.hftbus.nats.NatsConfig;
import io.hftbus.nats.NatsTransport;
import io.hftbus.stats.StatsCollector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The trading pipeline split over two processes, linked by the bridge over NATS JetStream.
 *
 * <pre>
 *  process A, bus "trading":    market data ─► features ─► strategy
 *                                 │ MarketData, OrderBook, Signal ▲ Approved, Rejected
 *                                 ▼                               │
 *  process B, bus "execution":  risk ─► execution ─► PnL ─────────┘
 * </pre>
 *
 * <p>Run both against a local server with {@code bus-examples/run-bridged.sh}, or each by hand:
 * {@code java -p bus-examples/target/modules -m io.hftbus.examples/io.hftbus.examples.bridge.BridgedPipeline
 * --role execution --nats nats://localhost:4222 --seconds 10} first, then the same with
 * {@code --role trading}. Each prints a line per second: A what it sent and the decisions it got
 * back, B what it received from A, the lag behind A's stream and the transit time of the last
 * event. {@code --role both} runs the two in one process (its test does).
 *
 * <p>With {@code --monitor PORT} each process also serves the web monitor of its bus, with the
 * bridge's counters beside the bus's statistics: A on {@code PORT}, B on {@code PORT + 1} (with
 * {@code 0}, both on any free port). Each prints its page's address.
 */
public final class BridgedPipeline {

    /** The bus of process A. */
    public static final String TRADING = "trading";
    /** The bus of process B. */
    public static final String EXECUTION = "execution";

    private static final List<Instrument> INSTRUMENTS = List.of(Instrument.of("ES"), Instrument.of("NQ"));
    private static final long SEED = 42;
    private static final int FLOW_WINDOW = 4_096;
    /** The monitor port that means: serve none. */
    static final int NO_MONITOR = -1;

    private BridgedPipeline() {
    }

    /**
     * Runs one role, or both.
     *
     * @param args {@code --role trading|execution|both}, {@code --nats <url>} (default
     *             {@code nats://localhost:4222}), {@code --seconds <n>} (default 10),
     *             {@code --rate <ticks per second>} (default 2000), {@code --monitor <port>}
     *             (default none)
     */
    public static void main(String[] args) throws Exception {
        String role = "both";
        String url = "nats://localhost:4222";
        int seconds = 10;
        double rate = 2_000;
        int monitor = NO_MONITOR;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--role" -> role = require(args[i], value);
                case "--nats" -> url = require(args[i], value);
                case "--seconds" -> seconds = Integer.parseInt(require(args[i], value));
                case "--rate" -> rate = Double.parseDouble(require(args[i], value));
                case "--monitor" -> monitor = monitorPort(require(args[i], value));
                default -> {
                    System.err.println("usage: BridgedPipeline --role trading|execution|both [--nats url]"
                            + " [--seconds n] [--rate ticks/s] [--monitor port]; unknown option " + args[i]);
                    System.exit(2);
                }
            }
            i++;
        }
        NatsConfig nats = NatsConfig.localhost().withServers(url).withStartupRetry(Duration.ofSeconds(10));
        Duration runFor = Duration.ofSeconds(seconds);
        int monitorA = monitor;
        int monitorB = monitor > 0 ? monitor + 1 : monitor;
        switch (role) {
            case "trading" -> trading(nats, runFor, rate, monitorA, System.out);
            case "execution" -> execution(nats, runFor.plusSeconds(5), monitorB, System.out);
            case "both" -> {
                Thread b = new Thread(() -> execution(nats, runFor.plusSeconds(3), monitorB, System.out),
                        "process-b");
                b.start();
                trading(nats, runFor, rate, monitorA, System.out);
                b.join();
            }
            default -> {
                System.err.println("--role must be trading, execution or both, not " + role);
                System.exit(2);
            }
        }
    }

    private static int monitorPort(String value) {
        int port = -1;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            // reported below, with the bound
        }
        if (port < 0 || port > 65_534) {
            System.err.println("--monitor port must be within [0, 65534] (B serves on port + 1) but was " + value);
            System.exit(2);
        }
        return port;
    }

    /**
     * Serves the web monitor of a bridged bus on {@code port} (0: any free one), with the bridge's
     * counters beside the bus's statistics, and prints its address.
     *
     * @return the running monitor, or {@code null} when {@code port} is {@link #NO_MONITOR}
     */
    static WebMonitor monitor(EventBus bus, StatsCollector stats, Bridge bridge, int port, String who,
                              PrintStream out) {
        if (port == NO_MONITOR) {
            return null;
        }
        // tag::bridge-counters[]
        WebMonitor monitor = WebMonitor.builder(bus, stats)
                .port(port)
                .counters("bridge", () -> bridge.stats().counters())
                .start();
        // end::bridge-counters[]
        out.println(who + " monitor: " + monitor.pageUri());
        return monitor;
    }

    private static void closeQuietly(WebMonitor monitor) {
        if (monitor != null) {
            monitor.close();
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }

    /** Process A: market data, features and the strategy; sends quotes and signals, takes decisions in. */
    static void trading(NatsConfig nats, Duration runFor, double rate, int monitorPort, PrintStream out) {
        StatsCollector stats = new StatsCollector();
        try (NatsTransport transport = NatsTransport.connect(nats);
             EventBus bus = EventBus.builder().name(TRADING).observer(stats).build();
             Bridge bridge = Bridge.start(bus, transport, BridgeConfig.defaults()
                     .withOutbound(EnumSet.of(EventType.MARKET_DATA, EventType.ORDER_BOOK, EventType.SIGNAL))
                     .withInbound(EXECUTION, EnumSet.of(EventType.APPROVED_SIGNAL, EventType.REJECTED_SIGNAL)))) {
            new FeaturePipeline(bus, Duration.ofMillis(500), Duration.ofSeconds(5), 200).attach();
            MeanReversionStrategy strategy = new MeanReversionStrategy(bus, MeanReversionStrategy.Settings.defaults());
            strategy.attach();
            MarketDataEngine engine = new MarketDataEngine(bus,
                    new SyntheticMarket(INSTRUMENTS, SEED, rate, 1_700_000_000_000_000_000L, 10),
                    MarketDataEngine.Pace.REALTIME, FLOW_WINDOW);
            WebMonitor monitor = monitor(bus, stats, bridge, monitorPort, "A trading:  ", out);
            ScheduledExecutorService ticker = ticker("trading-report");
            ticker.scheduleAtFixedRate(() -> out.println("A trading:   " + sent(bridge.stats(), strategy.signals())),
                    1, 1, TimeUnit.SECONDS);
            try {
                engine.run(Long.MAX_VALUE, runFor);
                awaitAcknowledged(bridge, Duration.ofSeconds(5));
            } finally {
                ticker.shutdownNow();
                closeQuietly(monitor);
            }
            out.println("A trading:   done: " + engine.ticks() + " market data, " + engine.books() + " books, "
                    + strategy.signals() + " signals; bridge " + bridge.stats().summary());
        }
    }

    /** Process B: risk, execution and PnL; takes quotes and signals in, sends decisions back. */
    static void execution(NatsConfig nats, Duration runFor, int monitorPort, PrintStream out) {
        PnlTracker pnl;
        ExecutionSimulator execution;
        RiskManager risk;
        BridgeStats last;
        StatsCollector stats = new StatsCollector();
        try (NatsTransport transport = NatsTransport.connect(nats);
             EventBus bus = EventBus.builder().name(EXECUTION).observer(stats).build();
             Bridge bridge = Bridge.start(bus, transport, BridgeConfig.defaults()
                     .withOutbound(EnumSet.of(EventType.APPROVED_SIGNAL, EventType.REJECTED_SIGNAL))
                     .withInbound(TRADING, EnumSet.of(EventType.MARKET_DATA, EventType.ORDER_BOOK,
                             EventType.SIGNAL)))) {
            risk = new RiskManager(bus, INSTRUMENTS, RiskManager.Limits.defaults());
            execution = new ExecutionSimulator(bus, INSTRUMENTS, ExecutionSimulator.Settings.defaults(SEED));
            pnl = new PnlTracker(bus, INSTRUMENTS, Duration.ofSeconds(1));
            risk.attach();
            execution.attach();
            pnl.attach();
            WebMonitor monitor = monitor(bus, stats, bridge, monitorPort, "B execution:", out);
            ScheduledExecutorService ticker = ticker("execution-report");
            ticker.scheduleAtFixedRate(() -> out.println("B execution: " + received(bridge.stats())), 1, 1,
                    TimeUnit.SECONDS);
            try {
                Thread.sleep(runFor.toMillis()); // the process's lifetime: it serves until then
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ticker.shutdownNow();
                closeQuietly(monitor);
            }
            awaitAcknowledged(bridge, Duration.ofSeconds(5));
            last = bridge.stats();
        }
        // The bus is closed: the stages' figures are final.
        out.println("B execution: done: received " + last.delivered() + " events from A (" + last.duplicates()
                + " duplicates dropped, lag " + last.lag() + "); " + risk.approved() + " approved, " + risk.rejected()
                + " rejected, " + execution.orders() + " orders, " + execution.fills() + " fills, PnL "
                + String.format(Locale.ROOT, "%.2f", pnl.snapshot().total()));
    }

    private static String sent(BridgeStats stats, long signals) {
        return String.format(Locale.ROOT, "sent %d (acked %d, dropped %d), %d signals, decisions back %d",
                stats.sent(), stats.acked(), stats.dropped(), signals, stats.delivered());
    }

    private static String received(BridgeStats stats) {
        return String.format(Locale.ROOT, "received %d from A, lag %d, transit %s, decisions sent %d",
                stats.delivered(), stats.lag(),
                stats.lastTransitNanos() < 0 ? "-" : stats.lastTransitNanos() / 1_000 + " us", stats.sent());
    }

    private static void awaitAcknowledged(Bridge bridge, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (bridge.stats().buffered() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10); // a last look before closing, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ScheduledExecutorService ticker(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
