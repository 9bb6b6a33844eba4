package io.hftbus.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.bridge.TransportException;
import io.hftbus.bridge.WireFrame;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import io.hftbus.nats.testing.NatsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge over a real {@code nats-server -js}, started by the test on a free port. */
class NatsBridgeTest {

    private static final Set<EventType> ALL = EnumSet.allOf(EventType.class);

    @TempDir
    Path dir;

    private NatsServer server;
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = NatsServer.start(dir);
    }

    @AfterEach
    void stopAll() throws Exception {
        Collections.reverse(closeLast);
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
        server.close();
    }

    private NatsConfig config() {
        return NatsConfig.localhost().withServers(server.url())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100))
                .withConsumerLimits(Duration.ofSeconds(2), 10_000);
    }

    private NatsTransport transport() {
        NatsTransport transport = NatsTransport.connect(config());
        closeLast.add(transport);
        return transport;
    }

    private EventBus bus(String name) {
        EventBus bus = EventBus.builder().name(name).build();
        closeLast.add(bus);
        return bus;
    }

    private Bridge bridge(EventBus bus, NatsTransport transport, BridgeConfig config) {
        Bridge bridge = Bridge.start(bus, transport, config);
        closeLast.add(bridge);
        return bridge;
    }

    private static List<Envelope<Event>> collect(EventBus bus) {
        List<Envelope<Event>> seen = Collections.synchronizedList(new ArrayList<>());
        bus.subscribeAll(seen::add);
        return seen;
    }

    private static List<Long> timestamps(List<Envelope<Event>> envelopes) {
        synchronized (envelopes) {
            return envelopes.stream().map(e -> ((MarketDataEvent) e.event()).timestamp()).toList();
        }
    }

    @Test
    void allSixteenTypesRoundTripBetweenTwoBuses() {
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        Bridge out = bridge(feed, transport(), BridgeConfig.defaults().withOutbound(ALL));
        Bridge in = bridge(risk, transport(), BridgeConfig.defaults().withInbound("feed", ALL));

        List<Event> sent = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (EventType type : EventType.values()) {
                Event event = SampleEvents.of(type, round * 100 + type.ordinal());
                sent.add(event);
                feed.publish(event);
            }
        }

        Await.until("160 events at risk", () -> received.size() == 160);
        assertThat(received).extracting(Envelope::event).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(received).allSatisfy(envelope -> {
            assertThat(envelope.isLocal()).isFalse();
            assertThat(envelope.priority()).isEqualTo(envelope.type().defaultPriority());
            assertThat(in.origin(envelope.origin())).hasValueSatisfying(o -> assertThat(o.bus()).isEqualTo("feed"));
        });
        Await.until("all acknowledged", () -> out.stats().acked() == 160);
        assertThat(in.stats().duplicates()).isZero();
        assertThat(in.stats().decodeFailures()).isZero();
    }

    @Test
    void twoBridgesPointingAtEachOtherNeverEcho() throws Exception {
        EventBus a = bus("alpha");
        EventBus b = bus("beta");
        List<Envelope<Event>> atA = collect(a);
        List<Envelope<Event>> atB = collect(b);
        bridge(a, transport(), BridgeConfig.defaults().withOutbound(ALL).withInbound("beta", ALL));
        bridge(b, transport(), BridgeConfig.defaults().withOutbound(ALL).withInbound("alpha", ALL));

        for (int i = 0; i < 200; i++) {
            a.publish(SampleEvents.esTick(i));
        }
        b.publish(SampleEvents.of(EventType.FILL, 1));

        Await.until("alpha's ticks at beta, beta's fill at alpha", () -> atB.size() == 201 && atA.size() == 201);
        NatsTransport probe = transport();
        assertThat(NatsReplay.of(probe, "alpha").into(bus("alpha-copy")).events())
                .as("alpha's stream holds alpha's events only").isEqualTo(200);
        assertThat(NatsReplay.of(probe, "beta").into(bus("beta-copy")).events())
                .as("beta's stream holds beta's event only").isEqualTo(1);
        assertThat(atA.stream().filter(e -> !e.isLocal()).count()).isEqualTo(1);
        assertThat(atB.stream().filter(e -> !e.isLocal()).count()).isEqualTo(200);
    }

    @Test
    void aBurstCrossesPackedIntoBatchesInOrderAndOnce() throws Exception {
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        NatsTransport transport = transport();
        // One message in flight at a time: while it waits for the server, the rest of the burst
        // queues behind it and leaves in batches.
        Bridge out = bridge(feed, transport, BridgeConfig.defaults().withOutbound(ALL)
                .withAckWindow(1, java.time.Duration.ofSeconds(5)));
        bridge(risk, transport(), BridgeConfig.defaults().withInbound("feed", ALL));

        for (int i = 0; i < 2_000; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("all 2000 across", () -> received.size() == 2_000);
        assertThat(timestamps(received)).isSorted().doesNotHaveDuplicates();
        Await.until("all acknowledged", () -> out.stats().acked() == 2_000);
        long messages = transport.streamInfo("feed").getStreamState().getMsgCount();
        assertThat(messages).as("messages in the stream for 2000 events").isLessThan(2_000)
                .isGreaterThanOrEqualTo(2_000 / BridgeConfig.DEFAULT_MAX_BATCH_FRAMES);
    }

    @Test
    void framesPublishedTwiceReachTheBusOnce() throws Exception {
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        Bridge in = bridge(risk, transport(), BridgeConfig.defaults().withInbound("feed", ALL));
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < 50; i++) {
                byte[] frame = new WireFrame(Priority.HIGH, 77, i, Envelope.NOT_STAMPED, SampleEvents.esTick(i))
                        .toBytes();
                // a different message id per copy, so that the stream stores both and only the bridge can tell
                server.publishRaw("hftbus.feed.market_data", new String[] {copy + "-" + i}, frame);
            }
        }
        Await.until("50 duplicates dropped", () -> in.stats().duplicates() == 50);
        assertThat(timestamps(received)).hasSize(50).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aGarbageMessageOnTheSubjectIsCountedAndSkipped() throws Exception {
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        bridge(feed, transport(), BridgeConfig.defaults().withOutbound(ALL));
        Bridge in = bridge(risk, transport(), BridgeConfig.defaults().withInbound("feed", ALL));
        server.publishRaw("hftbus.feed.market_data", null, "not a frame".getBytes(StandardCharsets.UTF_8));
        server.publishRaw("hftbus.feed.fill", null, new byte[0]);
        feed.publish(SampleEvents.esTick(1));

        Await.until("the real event after the garbage", () -> received.size() == 1);
        Await.until("both counted", () -> in.stats().decodeFailures() == 2);
        assertThat(in.stats().delivered()).isEqualTo(1);
    }

    @Test
    void aRestartedReceiverResumesWhereItStopped() {
        EventBus feed = bus("feed");
        Bridge out = bridge(feed, transport(), BridgeConfig.defaults().withOutbound(ALL));
        NatsTransport receiving = transport();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try (EventBus risk = EventBus.builder().name("risk").build()) {
            risk.subscribe(MarketDataEvent.class, e -> seen.add(e.event().timestamp()));
            try (Bridge in = Bridge.start(risk, receiving, BridgeConfig.defaults().withInbound("feed", ALL))) {
                for (int i = 0; i < 100; i++) {
                    feed.publish(SampleEvents.esTick(i));
                }
                Await.until("the first 100", () -> seen.size() == 100);
                Await.until("their acknowledgements", () -> in.stats().lag() == 0);
            }
        }
        for (int i = 100; i < 200; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("sent while the receiver was away", () -> out.stats().acked() == 200);
        EventBus again = bus("risk");
        List<Envelope<Event>> later = collect(again);
        bridge(again, receiving, BridgeConfig.defaults().withInbound("feed", ALL));
        Await.until("the next 100", () -> later.size() == 100);
        assertThat(timestamps(later)).containsExactlyElementsOf(
                java.util.stream.LongStream.range(100, 200).map(i -> SampleEvents.esTick(i).timestamp()).boxed()
                        .toList());
    }

    @Test
    void replayReadsFromASequenceAndFromATime() throws Exception {
        EventBus feed = bus("feed");
        NatsTransport transport = transport();
        Bridge out = bridge(feed, transport, BridgeConfig.defaults().withOutbound(ALL));
        for (int i = 0; i < 100; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("the first 100 stored", () -> out.stats().acked() == 100);
        long lastOfFirst = transport.streamInfo("feed").getStreamState().getLastSequence();
        java.time.Instant between = java.time.Instant.now();
        Thread.sleep(50); // the stream's clock must pass `between` before the next batch; any positive gap does
        for (int i = 100; i < 150; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("the next 50 stored", () -> out.stats().acked() == 150);

        EventBus research = bus("research");
        List<Envelope<Event>> replayed = collect(research);
        // Stream sequences number messages, and the sender may have packed waiting ticks into batches:
        // the message after the last one of the first hundred starts the second part.
        NatsReplay.Result fromSequence = NatsReplay.of(transport, "feed").fromSequence(lastOfFirst + 1)
                .into(research);
        assertThat(fromSequence.events()).isEqualTo(50);
        assertThat(fromSequence.firstStreamSequence()).isEqualTo(lastOfFirst + 1);
        assertThat(fromSequence.lastStreamSequence())
                .isEqualTo(transport.streamInfo("feed").getStreamState().getLastSequence());
        Await.until("50 replayed", () -> replayed.size() == 50);
        assertThat(timestamps(replayed)).first().isEqualTo(SampleEvents.esTick(100).timestamp());
        assertThat(timestamps(replayed)).isSorted().doesNotHaveDuplicates();
        assertThat(replayed).allSatisfy(e -> assertThat(e.origin()).isEqualTo(1));

        EventBus later = bus("later");
        List<Envelope<Event>> fromTime = collect(later);
        NatsReplay.Result result = NatsReplay.of(transport, "feed").fromTime(between).origin(5).into(later);
        assertThat(result.events()).isEqualTo(50);
        Await.until("50 replayed from the time", () -> fromTime.size() == 50);
        assertThat(timestamps(fromTime)).first().isEqualTo(SampleEvents.esTick(100).timestamp());
        assertThat(fromTime).allSatisfy(e -> assertThat(e.origin()).isEqualTo(5));
    }

    @Test
    void pacedReplayKeepsThePublishGaps() throws Exception {
        EventBus feed = bus("feed");
        NatsTransport transport = transport();
        Bridge out = bridge(feed, transport, BridgeConfig.defaults().withOutbound(ALL));
        feed.publish(SampleEvents.esTick(0));
        Thread.sleep(300); // the gap the replay must reproduce
        feed.publish(SampleEvents.esTick(1));
        Await.until("both stored", () -> out.stats().acked() == 2);

        EventBus research = bus("research");
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        research.subscribe(MarketDataEvent.class, e -> arrivals.add(System.nanoTime()));
        long started = System.nanoTime();
        NatsReplay.of(transport, "feed").paced(1.0).into(research);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis).as("paced at the recorded 300 ms gap").isBetween(280L, 5_000L);
        long fast = System.nanoTime();
        NatsReplay.of(transport, "feed").into(research);
        assertThat((System.nanoTime() - fast) / 1_000_000).as("as fast as possible").isLessThan(280L);
    }

    @Test
    void aSlowLocalConsumerShowsAsLagNotMemory() throws Exception {
        EventBus feed = bus("feed");
        // One frame per message, so that the lag, which counts messages, counts events here.
        Bridge out = bridge(feed, transport(), BridgeConfig.defaults().withOutbound(ALL).withBatching(1, 1_024));
        for (int i = 0; i < 2_000; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("stored", () -> out.stats().acked() == 2_000);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        EventBus risk = EventBus.builder().name("risk").build();
        closeLast.add(risk);
        risk.subscribe(MarketDataEvent.class, e -> release.await());
        Bridge in = bridge(risk, transport(), BridgeConfig.defaults().withInbound("feed", ALL).withPollBatch(100));
        try {
            Await.until("the lag is visible", () -> in.stats().lag() > 1_000);
            assertThat(in.stats().delivered()).as("the bus took what its lane holds, no more")
                    .isLessThanOrEqualTo(risk.laneCapacity(Priority.HIGH) + 2L * 100);
        } finally {
            release.countDown();
        }
        Await.until("caught up", () -> in.stats().delivered() == 2_000 && in.stats().lag() == 0);
    }

    @Test
    void aServerThatIsDownAtStartFailsClearlyOrIsWaitedFor() throws Exception {
        int port = NatsServer.freePort();
        NatsConfig down = NatsConfig.localhost().withServers("nats://127.0.0.1:" + port)
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(100));
        assertThatThrownBy(() -> NatsTransport.connect(down)).isInstanceOf(TransportException.class)
                .hasMessageContaining("cannot connect to NATS at nats://127.0.0.1:" + port)
                .hasMessageContaining("nats-server");

        server.kill();
        java.util.concurrent.CompletableFuture<NatsTransport> connecting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> NatsTransport.connect(config().withStartupRetry(Duration.ofSeconds(20))));
        Thread.sleep(500); // the transport is retrying against a dead port meanwhile
        assertThat(connecting).isNotDone();
        server.start();
        NatsTransport transport = connecting.get(20, java.util.concurrent.TimeUnit.SECONDS);
        closeLast.add(transport);
        assertThat(transport.streamInfo("feed").getConfiguration().getName()).isEqualTo("HFTBUS-feed");
    }

    @Test
    void badCredentialsFailClearlyAndNeverShowTheSecret(@TempDir Path secured) throws Exception {
        try (NatsServer guarded = NatsServer.start(secured, "--user", "trader", "--pass", "s3cret-pass")) {
            NatsConfig wrong = NatsConfig.localhost().withServers(guarded.url())
                    .withCredentials(NatsCredentials.userPassword("trader", "not-it".toCharArray()));
            assertThatThrownBy(() -> NatsTransport.connect(wrong)).isInstanceOf(TransportException.class)
                    .hasMessageContaining("refused the credentials")
                    .hasMessageContaining("user trader")
                    .hasMessageNotContaining("not-it");
            assertThat(wrong.toString()).doesNotContain("not-it");

            NatsConfig right = NatsConfig.localhost().withServers(guarded.url())
                    .withCredentials(NatsCredentials.userPassword("trader", "s3cret-pass".toCharArray()));
            try (NatsTransport transport = NatsTransport.connect(right)) {
                assertThat(transport.endpoint()).doesNotContain("s3cret");
                assertThat(transport.streamInfo("feed").getConfiguration().getName()).isEqualTo("HFTBUS-feed");
            }
        }
        assertThatThrownBy(() -> NatsConfig.localhost().withServers("nats://u:p@localhost:4222"))
                .hasMessageContaining("carries credentials").hasMessageNotContaining("u:p");
    }

    @Test
    void aTokenIsSentFromTheConfigurationAndAWrongOneFailsClearlyWithoutShowingIt(@TempDir Path secured)
            throws Exception {
        try (NatsServer guarded = NatsServer.start(secured, "--auth", "t0ken-of-the-desk")) {
            NatsConfig wrong = NatsConfig.localhost().withServers(guarded.url())
                    .withCredentials(NatsCredentials.token("not-the-token".toCharArray()));
            assertThatThrownBy(() -> NatsTransport.connect(wrong)).isInstanceOf(TransportException.class)
                    .hasMessageContaining("refused the credentials")
                    .hasMessageNotContaining("not-the-token");
            assertThat(wrong.toString()).doesNotContain("not-the-token");

            NatsConfig none = NatsConfig.localhost().withServers(guarded.url());
            assertThatThrownBy(() -> NatsTransport.connect(none)).isInstanceOf(TransportException.class);

            NatsConfig right = NatsConfig.localhost().withServers(guarded.url())
                    .withCredentials(NatsCredentials.token("t0ken-of-the-desk".toCharArray()));
            try (NatsTransport transport = NatsTransport.connect(right)) {
                assertThat(transport.endpoint()).doesNotContain("t0ken");
                assertThat(right.toString()).doesNotContain("t0ken");
                assertThat(transport.streamInfo("feed").getConfiguration().getName()).isEqualTo("HFTBUS-feed");
            }
        }
    }

    @Test
    void theServerKilledMidStreamAndRestartedLosesNothingAndDeliversNothingTwice() throws Exception {
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        Bridge out = bridge(feed, transport(), BridgeConfig.defaults().withOutbound(ALL)
                .withAckWindow(256, Duration.ofSeconds(1)).withMaxBackoff(Duration.ofMillis(200)));
        Bridge in = bridge(risk, transport(), BridgeConfig.defaults().withInbound("feed", ALL)
                .withMaxBackoff(Duration.ofMillis(200)));

        int total = 20_000;
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                feed.publish(SampleEvents.esTick(i));
                if (i % 100 == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a steady stream, about 2 s long
                }
            }
        }, "feed-publisher");
        publisher.start();
        Await.until("the stream under way", () -> received.size() > 2_000);
        server.kill();
        Await.until("the bridge noticed", () -> out.stats().sendFailures() > 0 || out.stats().buffered() > 500);
        server.start();
        Await.join(publisher);

        Await.until("every event across", () -> received.size() + out.stats().dropped() >= total
                && out.stats().buffered() == 0 && in.stats().lag() == 0,
                () -> received.size() + " of " + total + " received; out: " + out.stats().summary()
                        + "; in: " + in.stats().summary());
        assertThat(out.stats().dropped()).as("the buffer held the outage").isZero();
        List<Long> stamps = timestamps(received);
        assertThat(stamps).hasSize(total).doesNotHaveDuplicates().isSorted();
        assertThat(out.stats().reconnects()).isPositive();
        assertThat(in.stats().reconnects()).isPositive();
    }
}
