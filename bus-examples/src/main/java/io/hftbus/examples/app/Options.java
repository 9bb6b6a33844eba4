package io.hftbus.examples.app;

import io.hftbus.api.EventBus;
import io.hftbus.api.WaitStrategy;
import io.hftbus.examples.pipeline.Instrument;
import io.hftbus.examples.pipeline.MarketDataEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trading pipeline's command-line options.
 *
 * @param duration  wall time to run, or {@code null} for no limit (the default with an event count or
 *                  a journal to replay)
 * @param events    market-data events to publish at most, or {@code Long.MAX_VALUE}
 * @param symbols   the instruments, in display order
 * @param rate      market-data events per simulated second
 * @param seed      seed of the market and of the execution simulator
 * @param pace      how fast the feed is released
 * @param record    the journal to record to, or {@code null}
 * @param replay    the journal to replay, or {@code null}
 * @param strict    whether a journal to replay that ends in a torn record is an error rather than a warning
 * @param waitStrategy the dispatch thread's wait strategy
 * @param quiet     whether to print the summary only
 * @param warmUp    market-data events run through a scratch pipeline first, to compile the hot path
 * @param monitorPort    the web monitor's port (0: any free one), or -1 for no monitor
 * @param monitorAddress the address the web monitor listens on, or {@code null} for the loopback address
 * @param shards    the feature stage's shards by symbol and the signal validation's workers, or 0 for
 *                  every stage on the dispatch thread
 */
public record Options(Duration duration, long events, List<Instrument> symbols, double rate, long seed,
                      MarketDataEngine.Pace pace, Path record, Path replay, boolean strict, WaitStrategy waitStrategy,
                      boolean quiet, long warmUp, int monitorPort, String monitorAddress, int shards) {

    /** The web monitor's port when {@code --monitor} names none. */
    public static final int DEFAULT_MONITOR_PORT = 8686;

    /**
     * The highest {@code --rate}: simulated timestamps are nanoseconds at least one apart, so at a
     * million events per simulated second (a mean gap of 1 µs) that floor distorts the gaps by 0.1%
     * at most; far above it the feed would no longer run at the rate asked for.
     */
    public static final long MAX_RATE = 1_000_000;

    /** What {@code --help} and every bad option print. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -p <module path> -m io.hftbus.examples/io.hftbus.examples.app.TradingPipeline [options]",
            "",
            "  --duration D        wall time to run: 10, 10s, 500ms, 2m (default 10s; none with --events or --replay)",
            "  --events N          stop after N market-data events",
            "  --symbols S,S,...   instruments, from " + String.join(",", new TreeSet<>(Instrument.knownSymbols()))
                    + " (default ES,NQ,CL,GC)",
            "  --rate N            market-data events per simulated second, at most " + MAX_RATE + " (default 20000);",
            "                      with --pace realtime a rate the machine cannot keep up with runs as fast as",
            "                      the pipeline takes it, behind the wall clock",
            "  --seed N            seed of the synthetic market and the execution simulator (default 42)",
            "  --pace P            realtime: simulated time runs at wall-clock speed; max: as fast as the",
            "                      pipeline takes it, for backtests (default realtime)",
            "  --record FILE       record every event on the bus to a journal",
            "  --replay FILE       feed the pipeline from a journal instead of the synthetic market;",
            "                      symbols, rate and seed come from the journal",
            "  --strict            with --replay: a journal that ends in a torn record is an error, not a warning",
            "  --wait W            dispatch wait strategy: busy-spin, yielding, backoff, blocking (default backoff)",
            "  --warmup N          run N synthetic market-data events through a scratch pipeline first, so",
            "                      that the JIT has compiled the hot path before the run (default 100000; 0: none)",
            "  --monitor [PORT]    serve the live web monitor on 127.0.0.1:PORT while running (default port "
                    + DEFAULT_MONITOR_PORT + "; 0: any free one)",
            "  --monitor-address A with --monitor: listen on A instead (0.0.0.0: every address), behind a",
            "                      token that the printed address carries",
            "  --shards N          compute features sharded by symbol over N threads and validate signals on a",
            "                      worker group of N threads, at most " + EventBus.MAX_WORKERS
                    + " (default 0: every stage on the dispatch thread)",
            "  --quiet             print the summary only",
            "  --help              print this");

    /** Thrown for a bad command line; its message says what is wrong. */
    public static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        /** @param message what is wrong */
        public UsageException(String message) {
            super(message);
        }
    }

    /** Thrown for {@code --help}. */
    public static final class HelpRequested extends Exception {

        private static final long serialVersionUID = 1L;

        /** Help was asked for. */
        public HelpRequested() {
            super("help");
        }
    }

    /** Copies the list. */
    public Options {
        symbols = List.copyOf(symbols);
    }

    /**
     * Parses a command line.
     *
     * @throws UsageException if an option is unknown, lacks its value, or has a bad one
     * @throws HelpRequested  if {@code --help} is among them
     */
    public static Options parse(String... args) throws UsageException, HelpRequested {
        Duration duration = null;
        long events = Long.MAX_VALUE;
        List<Instrument> symbols = defaultSymbols();
        double rate = 20_000;
        long seed = 42;
        MarketDataEngine.Pace pace = MarketDataEngine.Pace.REALTIME;
        Path record = null;
        Path replay = null;
        boolean strict = false;
        String marketOption = null;
        WaitStrategy wait = WaitStrategy.BACKOFF;
        boolean quiet = false;
        long warmUp = 100_000;
        int shards = 0;
        int monitorPort = -1;
        String monitorAddress = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help":
                case "-h":
                    throw new HelpRequested();
                case "--quiet":
                    quiet = true;
                    break;
                case "--duration":
                    duration = duration(value(args, ++i, option));
                    break;
                case "--events":
                    events = positiveLong(value(args, ++i, option), option);
                    break;
                case "--symbols":
                    symbols = symbols(value(args, ++i, option));
                    marketOption = option;
                    break;
                case "--rate":
                    rate = positiveLong(value(args, ++i, option), option);
                    if (rate > MAX_RATE) {
                        throw new UsageException("--rate must be at most " + MAX_RATE
                                + " market-data events per simulated second but was " + (long) rate);
                    }
                    marketOption = option;
                    break;
                case "--seed":
                    seed = parseLong(value(args, ++i, option), option);
                    marketOption = option;
                    break;
                case "--pace":
                    pace = choice(MarketDataEngine.Pace.class, value(args, ++i, option), option);
                    break;
                case "--record":
                    record = Path.of(value(args, ++i, option));
                    break;
                case "--replay":
                    replay = Path.of(value(args, ++i, option));
                    break;
                case "--strict":
                    strict = true;
                    break;
                case "--warmup":
                    warmUp = parseLong(value(args, ++i, option), option);
                    if (warmUp < 0) {
                        throw new UsageException("--warmup must be >= 0 but was " + warmUp);
                    }
                    break;
                case "--monitor":
                    monitorPort = DEFAULT_MONITOR_PORT;
                    if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        long port = parseLong(args[++i], option);
                        if (port < 0 || port > 65535) {
                            throw new UsageException("--monitor port must be within [0, 65535] but was " + port);
                        }
                        monitorPort = (int) port;
                    }
                    break;
                case "--monitor-address":
                    monitorAddress = value(args, ++i, option);
                    break;
                case "--shards":
                    long count = parseLong(value(args, ++i, option), option);
                    if (count < 0 || count > EventBus.MAX_WORKERS) {
                        throw new UsageException("--shards must be within [0, " + EventBus.MAX_WORKERS + "] but was "
                                + count);
                    }
                    shards = (int) count;
                    break;
                case "--wait":
                    wait = choice(WaitStrategy.class, value(args, ++i, option), option);
                    break;
                default:
                    throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (duration == null && events == Long.MAX_VALUE && replay == null) {
            duration = Duration.ofSeconds(10);
        }
        if (record != null && record.equals(replay)) {
            throw new UsageException("--record and --replay name the same file " + record);
        }
        if (replay != null && marketOption != null) {
            throw new UsageException(marketOption + " cannot be used with --replay: a replay trades the symbols, rate"
                    + " and seed of its journal");
        }
        if (strict && replay == null) {
            throw new UsageException("--strict applies to --replay only");
        }
        if (monitorAddress != null && monitorPort < 0) {
            throw new UsageException("--monitor-address applies to --monitor only");
        }
        return new Options(duration, events, symbols, rate, seed, pace, record, replay, strict, wait, quiet, warmUp,
                monitorPort, monitorAddress, shards);
    }

    /** ES, NQ, CL and GC. */
    public static List<Instrument> defaultSymbols() {
        return List.of(Instrument.of("ES"), Instrument.of("NQ"), Instrument.of("CL"), Instrument.of("GC"));
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static long parseLong(String text, String option) throws UsageException {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number but was '" + text + "'");
        }
    }

    private static long positiveLong(String text, String option) throws UsageException {
        long value = parseLong(text, option);
        if (value <= 0) {
            throw new UsageException(option + " must be positive but was " + value);
        }
        return value;
    }

    private static Duration duration(String text) throws UsageException {
        String lower = text.toLowerCase(Locale.ROOT);
        long amount;
        Duration unit;
        try {
            if (lower.endsWith("ms")) {
                amount = Long.parseLong(lower.substring(0, lower.length() - 2));
                unit = Duration.ofMillis(1);
            } else if (lower.endsWith("s")) {
                amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                unit = Duration.ofSeconds(1);
            } else if (lower.endsWith("m")) {
                amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                unit = Duration.ofMinutes(1);
            } else {
                amount = Long.parseLong(lower);
                unit = Duration.ofSeconds(1);
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--duration must be like 10, 10s, 500ms or 2m but was '" + text + "'");
        }
        if (amount <= 0) {
            throw new UsageException("--duration must be positive but was '" + text + "'");
        }
        return unit.multipliedBy(amount);
    }

    private static List<Instrument> symbols(String text) throws UsageException {
        Set<String> names = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String symbol = name.trim().toUpperCase(Locale.ROOT);
            if (!symbol.isEmpty() && !names.add(symbol)) {
                throw new UsageException("--symbols names " + symbol + " twice");
            }
        }
        if (names.isEmpty()) {
            throw new UsageException("--symbols must name at least one symbol");
        }
        List<Instrument> instruments = new ArrayList<>(names.size());
        for (String symbol : names) {
            try {
                instruments.add(Instrument.of(symbol));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--symbols: " + e.getMessage());
            }
        }
        return instruments;
    }

    private static <T extends Enum<T>> T choice(Class<T> type, String text, String option) throws UsageException {
        String wanted = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (T constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new UsageException(option + " must be one of " + String.join(", ", names) + " but was '" + text + "'");
    }
}
