package io.hftbus.examples;

import dagger.BindsInstance;
import dagger.Component;
import io.hftbus.api.BackpressurePolicy;
import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.FillEvent;
import io.hftbus.api.event.Liquidity;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.Side;
import io.hftbus.api.recorder.EventRecorder;
import io.hftbus.api.recorder.ReplayOptions;
import io.hftbus.api.recorder.ReplayResult;
import io.hftbus.core.CoreModule;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.JournalContents;
import io.hftbus.recorder.JournalReader;
import io.hftbus.recorder.JournalRecord;
import io.hftbus.recorder.RecorderConfig;
import io.hftbus.recorder.RecorderModule;
import io.hftbus.recorder.Replayer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The recording guide's code, compiled and run: the recorder through Dagger's
 * {@link RecorderModule}, without Dagger, to a journal, read back, and replayed into a fresh bus.
 */
public final class RecordingExample {

    /** The guide's component: the core's bus, recorded. */
    @Singleton
    @Component(modules = {CoreModule.class, RecorderModule.class})
    interface TradingBus {

        /** The bus. */
        EventBus bus();

        /** The api view of the recorder. */
        EventRecorder recorder();

        /** Binds the recorder's settings. */
        @Component.Builder
        interface Builder {

            /** The recorder's settings. */
            @BindsInstance
            Builder recorderConfig(RecorderConfig config);

            /** The component. */
            TradingBus build();
        }
    }

    private RecordingExample() {
    }

    /**
     * Runs the snippets; the journal goes to a temporary directory, deleted at the end.
     *
     * @param args ignored
     * @throws IOException          if the journal cannot be written or read
     * @throws InterruptedException if interrupted while replaying
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        withDagger();
        Path directory = Files.createTempDirectory("hftbus-recording");
        Path journal = directory.resolve("session.journal");
        try {
            withoutDaggerToAJournal(journal);
            readBack(journal);
            replay(journal);
        } finally {
            Files.deleteIfExists(journal);
            Files.deleteIfExists(directory);
        }
    }

    private static MarketDataEvent tick(long i) {
        return new MarketDataEvent(1_234_567_890L + i, "ES", 6000.0, 10.0, 5999.5, 5.0, 6000.5, 5.0);
    }

    private static void withDagger() {
        TradingBus app = DaggerRecordingExample_TradingBus.builder()
                .recorderConfig(RecorderConfig.withRecording(100_000))
                .build();
        try (EventBus bus = app.bus()) {
            bus.publish(new MarketDataEvent(1_234_567_890L, "ES", 6000.0, 10.0, 5999.5, 5.0, 6000.5, 5.0));
        }
        for (Envelope<?> envelope : app.recorder().events()) {
            System.out.println(envelope);
        }
    }

    private static void withoutDaggerToAJournal(Path journal) {
        BusRecorder recorder = BusRecorder.create(RecorderConfig.withRecording(100_000).withJournal(journal));
        try (EventBus bus = EventBus.builder().observer(recorder).build()) {
            for (long i = 0; i < 1_000; i++) {
                bus.publish(tick(i));
            }
            bus.publish(new FillEvent(1_234_569_000L, 101, 1, "ES", Side.BUY, 1, 6000.5, 1.25, Liquidity.TAKER, 0));
        }
        List<Envelope<?>> events = recorder.events();
        List<Envelope<?>> fills = recorder.events(EventType.FILL);
        List<Envelope<?>> window = recorder.eventsBySequence(100, 199);
        System.out.printf("recorded %d events, %d fills, %d in the window; journal %s%n", events.size(), fills.size(),
                window.size(), recorder.journal().orElseThrow());
    }

    private static void readBack(Path journal) throws IOException {
        long published = 0;
        long refused = 0;
        try (JournalReader reader = JournalReader.open(journal)) {
            for (JournalRecord record; (record = reader.next()) != null; ) {
                if (record instanceof JournalRecord.Published) {
                    published++;
                } else {
                    refused++;
                }
            }
            if (reader.tornTail()) {
                System.out.println("torn after offset " + reader.endOffset());
            }
        }
        JournalContents contents = JournalReader.readAll(journal);
        System.out.printf("journal: %d published and %d refused records; %d events to replay%n", published, refused,
                contents.events().size());
    }

    private static void replay(Path journal) throws IOException, InterruptedException {
        ReplayOptions backtest = ReplayOptions.asFastAsPossible()
                .onlyTypes(EventType.MARKET_DATA, EventType.ORDER_BOOK);
        try (EventBus pipeline = EventBus.builder().backpressure(BackpressurePolicy.BLOCK).build()) {
            CountDownLatch ticks = new CountDownLatch(1_000);
            pipeline.subscribe(MarketDataEvent.class, envelope -> ticks.countDown());
            ReplayResult result = Replayer.replay(journal, pipeline, backtest);
            if (!ticks.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("replayed ticks not delivered within 10 s");
            }
            System.out.println("replayed: " + result);
        }
    }
}
