package io.hftbus.examples.app;

import io.hftbus.api.Envelope;
import io.hftbus.api.event.ConfigEvent;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.examples.pipeline.Instrument;
import io.hftbus.examples.pipeline.MarketFeed;
import io.hftbus.recorder.JournalFormatException;
import io.hftbus.recorder.JournalReader;
import io.hftbus.recorder.JournalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A journal as a market feed, for backtests: the market data and book snapshots a run recorded,
 * in the order they were published, leaving out any the recorded bus refused; everything else in
 * the journal (the recorded run's own signals, orders, fills) is skipped, since the pipeline being
 * tested makes its own.
 *
 * <p>The recorded run's settings (symbols, seed, rate) come from its {@link ConfigEvent}s, so a
 * replay trades the same instruments with the same execution-simulator seed; a journal without
 * them gets the symbols of its market data and the defaults.
 *
 * <p>Reads the file twice: once for the settings and the refusals (a refusal record may follow
 * the event it refuses), then streaming. Market data has one publisher, so its file order is its
 * publish order.
 */
final class JournalFeed implements MarketFeed {

    private final JournalReader reader;
    private final Set<Long> refused;
    private final List<Instrument> instruments;
    private final long seed;
    private final double rate;
    private final long firstTimestamp;
    private final long marketEvents;
    private final Integrity integrity;

    /**
     * What the first reading found of the file's end.
     *
     * @param records    complete records in the file
     * @param tornTail   whether the file ends in an incomplete record (what a killed writer leaves)
     * @param endOffset  where the complete records end
     * @param fileLength the file's length
     */
    record Integrity(long records, boolean tornTail, long endOffset, long fileLength) {
    }

    private JournalFeed(JournalReader reader, Set<Long> refused, List<Instrument> instruments, long seed, double rate,
                        long firstTimestamp, long marketEvents, Integrity integrity) {
        this.reader = reader;
        this.refused = refused;
        this.instruments = instruments;
        this.seed = seed;
        this.rate = rate;
        this.firstTimestamp = firstTimestamp;
        this.marketEvents = marketEvents;
        this.integrity = integrity;
    }

    /**
     * Opens {@code journal}.
     *
     * @throws IOException              if it cannot be read or is damaged; the message names the file
     * @throws IllegalArgumentException if it holds no market data, or market data of an unknown symbol
     */
    static JournalFeed open(Path journal) throws IOException {
        try {
            return scan(journal);
        } catch (JournalFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read journal " + journal + ": " + e.getMessage(), e);
        }
    }

    private static JournalFeed scan(Path journal) throws IOException {
        Set<Long> refused = new HashSet<>();
        Set<String> recordedSymbols = new LinkedHashSet<>();
        String configuredSymbols = null;
        long seed = 42;
        double rate = 20_000;
        long firstTimestamp = -1;
        long marketEvents = 0;
        long records = 0;
        Integrity integrity;
        try (JournalReader scan = JournalReader.open(journal)) {
            for (JournalRecord record; (record = scan.next()) != null; ) {
                records++;
                if (record instanceof JournalRecord.Refused) {
                    refused.add(record.sequence());
                    continue;
                }
                Event event = ((JournalRecord.Published) record).envelope().event();
                if (event instanceof ConfigEvent) {
                    ConfigEvent config = (ConfigEvent) event;
                    if (TradingSession.CONFIG_COMPONENT.equals(config.component())) {
                        switch (config.key()) {
                            case "symbols":
                                configuredSymbols = config.value();
                                break;
                            case "seed":
                                seed = Long.parseLong(config.value());
                                break;
                            case "rate":
                                rate = Double.parseDouble(config.value());
                                break;
                            default:
                                break;
                        }
                    }
                } else if (event instanceof MarketDataEvent) {
                    recordedSymbols.add(((MarketDataEvent) event).symbol());
                    if (firstTimestamp < 0) {
                        firstTimestamp = event.timestamp();
                    }
                    marketEvents++;
                }
            }
            integrity = new Integrity(records, scan.tornTail(), scan.endOffset(), scan.fileLength());
        }
        if (marketEvents == 0) {
            throw new IllegalArgumentException("journal " + journal + " holds no market data");
        }
        List<Instrument> instruments = new ArrayList<>();
        for (String symbol : configuredSymbols != null ? List.of(configuredSymbols.split(",")) : recordedSymbols) {
            instruments.add(Instrument.of(symbol));
        }
        return new JournalFeed(JournalReader.open(journal), refused, List.copyOf(instruments), seed, rate,
                firstTimestamp, marketEvents, integrity);
    }

    @Override
    public Event next() {
        try {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Published) {
                    Envelope<?> envelope = ((JournalRecord.Published) record).envelope();
                    EventType type = envelope.type();
                    if ((type == EventType.MARKET_DATA || type == EventType.ORDER_BOOK)
                            && !refused.contains(envelope.sequence())) {
                        return envelope.event();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading journal " + reader.file() + " failed", e);
        }
    }

    /** The instruments the recorded run traded. */
    List<Instrument> instruments() {
        return instruments;
    }

    /** The recorded run's seed. */
    long seed() {
        return seed;
    }

    /** The recorded run's rate, market-data events per simulated second. */
    double rate() {
        return rate;
    }

    /** The timestamp of the first market-data event. */
    long firstTimestamp() {
        return firstTimestamp;
    }

    /** Market-data events in the journal. */
    long marketEvents() {
        return marketEvents;
    }

    /** How many complete records the file holds, and whether a torn record follows them. */
    Integrity integrity() {
        return integrity;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing journal " + reader.file() + " failed", e);
        }
    }
}
