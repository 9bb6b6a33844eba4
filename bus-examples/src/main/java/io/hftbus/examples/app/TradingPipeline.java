package io.hftbus.examples.app;

import io.hftbus.api.BusConfig;
import io.hftbus.api.EventBus;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.examples.pipeline.Instrument;
import io.hftbus.examples.pipeline.MarketDataEngine;
import io.hftbus.examples.pipeline.MarketFeed;
import io.hftbus.examples.pipeline.Pipeline;
import io.hftbus.examples.pipeline.SyntheticMarket;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The example trading pipeline: a synthetic futures market (or a recorded journal) through
 * features, a mean-reversion strategy, risk, simulated execution and PnL, with a console
 * dashboard. Run it with {@code bus-examples/run.sh [options]}, or once built on the module path:
 * {@code java -p bus-examples/target/modules -m io.hftbus.examples/io.hftbus.examples.app.TradingPipeline --help}.
 */
public final class TradingPipeline {

    /** Exit code of a run that went through. */
    public static final int OK = 0;
    /** Exit code of a run that failed: unreadable journal, a stage error, an I/O failure. */
    public static final int FAILED = 1;
    /** Exit code of a bad command line. */
    public static final int USAGE = 2;

    /** Where simulated time starts: 2026-01-05 14:30 UTC, a Monday's US open. */
    static final long SIMULATION_START_NANOS = Instant.parse("2026-01-05T14:30:00Z").getEpochSecond() * 1_000_000_000L;

    /** Book snapshots follow every this many quotes of a symbol. */
    static final int BOOK_EVERY = 10;

    private TradingPipeline() {
    }

    /**
     * Runs the pipeline; exits with {@value #USAGE} after a usage message for a bad command line,
     * {@value #FAILED} if the run failed.
     *
     * @param args the options; see {@link Options#USAGE}
     */
    public static void main(String[] args) throws InterruptedException {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the pipeline with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.HelpRequested help) {
            out.println(Options.USAGE);
            return OK;
        } catch (Options.UsageException bad) {
            err.println("error: " + bad.getMessage());
            err.println(Options.USAGE);
            return USAGE;
        }
        String badFile = checkFiles(options);
        if (badFile != null) {
            err.println("error: " + badFile);
            return USAGE;
        }
        try {
            return runPipeline(options, out, err);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    /** What is wrong with the files the options name, or {@code null}. */
    private static String checkFiles(Options options) {
        Path record = options.record();
        if (record != null) {
            Path directory = record.toAbsolutePath().getParent();
            if (Files.exists(record)) {
                return "--record " + record + " exists already; a journal is never overwritten";
            }
            if (!Files.isDirectory(directory)) {
                return "--record " + record + ": the directory " + directory + " does not exist";
            }
        }
        Path replay = options.replay();
        if (replay != null) {
            if (Files.isDirectory(replay)) {
                return "--replay " + replay + " is a directory, not a journal file";
            }
            if (!Files.isReadable(replay)) {
                return "--replay " + replay + " is not a readable file";
            }
        }
        return null;
    }

    private static int runPipeline(Options options, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        MarketFeed feed;
        List<Instrument> instruments;
        long seed;
        double rate;
        long start;
        if (options.replay() != null) {
            JournalFeed journal = JournalFeed.open(options.replay());
            JournalFeed.Integrity integrity = journal.integrity();
            if (integrity.tornTail()) {
                String torn = String.format(Locale.ROOT, "journal %s ends in a torn record: %,d records intact"
                                + " (bytes 0 to %,d of %,d), the rest is cut off", options.replay(), integrity.records(),
                        integrity.endOffset(), integrity.fileLength());
                if (options.strict()) {
                    journal.close();
                    err.println("error: " + torn + "; --strict refuses to replay it");
                    return FAILED;
                }
                err.println("warning: " + torn + "; replaying the intact records (--strict makes this an error)");
            }
            feed = journal;
            instruments = journal.instruments();
            seed = journal.seed();
            rate = journal.rate();
            start = journal.firstTimestamp();
            out.printf(Locale.ROOT, "replaying %s: %,d market-data events of %s, seed %d%n", options.replay(),
                    journal.marketEvents(), symbols(instruments), seed);
        } else {
            instruments = options.symbols();
            seed = options.seed();
            rate = options.rate();
            start = SIMULATION_START_NANOS;
            feed = new SyntheticMarket(instruments, seed, rate, start, BOOK_EVERY);
            out.printf(Locale.ROOT, "synthetic market: %s at %,.0f events/s, seed %d%n", symbols(instruments), rate,
                    seed);
        }
        out.printf(Locale.ROOT, "running %s, pace %s, wait strategy %s%s%n",
                options.duration() == null && options.events() == Long.MAX_VALUE ? "to the end of the journal"
                        : options.duration() == null ? "for " + options.events() + " market-data events"
                        : options.events() == Long.MAX_VALUE ? "for " + options.duration().toMillis() / 1000.0 + " s"
                        : "for " + options.events() + " market-data events or " + options.duration().toMillis() / 1000.0
                                + " s",
                options.pace().name().toLowerCase(Locale.ROOT), options.waitStrategy().name().toLowerCase(Locale.ROOT),
                options.record() == null ? "" : ", recording to " + options.record());

        if (options.warmUp() > 0) {
            warmUp(options, instruments, seed, rate, start, out);
        }

        RecorderConfig recording = RecorderConfig.withRecording(65_536);
        if (options.record() != null) {
            recording = recording.withJournal(options.record());
        }
        BusConfig busConfig = EventBus.builder().name("trading").waitStrategy(options.waitStrategy()).config();
        TradingComponent app = DaggerTradingComponent.builder().busConfig(busConfig).recorderConfig(recording).build();

        PipelineMonitor monitor = null;
        if (options.monitorPort() >= 0) {
            try {
                monitor = PipelineMonitor.start(app.bus(), app.stats(), app.recorder(), options, out);
            } catch (RuntimeException e) {
                app.bus().close();
                feed.close();
                throw e;
            }
        }
        TradingSession.Outcome outcome;
        try {
            outcome = new TradingSession(app.bus(), app.stats(), out, options.quiet())
                    .run(feed, start, Pipeline.Settings.defaults(instruments, seed), rate, options.pace(),
                            options.events(), options.duration(), options.shards());
        } finally {
            if (monitor != null) {
                monitor.close();
            }
        }

        BusRecorder recorder = app.recorder();
        out.printf(Locale.ROOT, "recorder: %,d envelopes recorded, the last %,d kept in memory%n",
                recorder.recordedCount(), Math.min(recorder.recordedCount(), recorder.capacity()));
        if (recorder.journal().isPresent()) {
            JournalStatus journal = recorder.journal().get();
            out.printf(Locale.ROOT, "journal %s: %,d events written, %,d lost, %,d bytes%n", journal.path(),
                    journal.eventsWritten(), journal.eventsLost(), journal.bytesWritten());
            if (journal.failed()) {
                err.println("error: writing the journal failed: " + journal.failure());
                return FAILED;
            }
            out.printf("replay it: ... -m io.hftbus.examples/%s --replay %s --pace max%n",
                    TradingPipeline.class.getName(), journal.path());
        }
        return outcome.errors() == 0 ? OK : FAILED;
    }

    /**
     * Runs {@code options.warmUp()} synthetic events, as fast as they go, through a pipeline on a
     * scratch bus that is then thrown away, as trading systems warm up before the open: the JIT
     * compiles the hot path of the bus and of the stages, and the run's statistics start from
     * compiled code. Nothing of it reaches the run: its own bus, stages, market and seed.
     */
    private static void warmUp(Options options, List<Instrument> instruments, long seed, double rate, long start,
                               PrintStream out) throws InterruptedException {
        long begin = System.nanoTime();
        long warmUpSeed = ~seed;
        try (EventBus scratch = EventBus.builder().name("warm-up").waitStrategy(options.waitStrategy()).build()) {
            new Pipeline(scratch, Pipeline.Settings.defaults(instruments, warmUpSeed));
            MarketDataEngine engine = new MarketDataEngine(scratch,
                    new SyntheticMarket(instruments, warmUpSeed, rate, start, BOOK_EVERY), MarketDataEngine.Pace.MAX,
                    TradingSession.FLOW_WINDOW);
            engine.run(options.warmUp(), Duration.ofSeconds(30));
            engine.awaitDrained(Duration.ofSeconds(10));
        }
        out.printf(Locale.ROOT, "warmed up with %,d events in %.1f s%n", options.warmUp(),
                (System.nanoTime() - begin) * 1e-9);
    }

    private static String symbols(List<Instrument> instruments) {
        return instruments.stream().map(Instrument::symbol).collect(Collectors.joining(","));
    }
}
