package io.hftbus.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.Priority;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge's logic over an in-memory transport; the NATS module tests it against a real server. */
class BridgeTest {

    private static final Set<EventType> ALL = EnumSet.allOf(EventType.class);

    private final MemoryTransport transport = new MemoryTransport();
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(closeLast);
        for (AutoCloseable closeable : closeLast) {
            closeable.close();
        }
    }

    private EventBus bus(String name) {
        EventBus bus = EventBus.builder().name(name).build();
        closeLast.add(bus);
        return bus;
    }

    private Bridge bridge(EventBus bus, BridgeConfig config) {
        Bridge bridge = Bridge.start(bus, transport, config);
        closeLast.add(bridge);
        return bridge;
    }

    /** Every envelope of every type that {@code bus} delivers, in delivery order. */
    private static List<Envelope<Event>> collect(EventBus bus) {
        List<Envelope<Event>> seen = Collections.synchronizedList(new ArrayList<>());
        bus.subscribeAll(seen::add);
        return seen;
    }

    @Test
    void everyTypeCrossesWithItsLaneAndArrivesMarkedWithItsOrigin() {
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        Bridge out = bridge(feed, BridgeConfig.defaults().withOutbound(ALL));
        Bridge in = bridge(risk, BridgeConfig.defaults().withInbound("feed", ALL));

        List<Event> sent = new ArrayList<>();
        for (EventType type : EventType.values()) {
            Event event = SampleEvents.of(type, type.ordinal());
            sent.add(event);
            feed.publish(event, Priority.LOW);
        }

        Await.until("16 events across", () -> received.size() == 16);
        assertThat(received).extracting(Envelope::event).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(received).allSatisfy(envelope -> {
            assertThat(envelope.isLocal()).isFalse();
            assertThat(envelope.priority()).isEqualTo(Priority.LOW);
        });
        int origin = received.get(0).origin();
        assertThat(in.origin(origin)).contains(new RemoteOrigin(origin, "feed", out.instanceId()));
        Await.until("acknowledged", () -> out.stats().acked() == 16);
        assertThat(out.stats().sent()).isEqualTo(16);
        assertThat(in.stats().delivered()).isEqualTo(16);
        assertThat(in.stats().lastTransitNanos()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void twoBridgesPointingAtEachOtherNeverEcho() {
        EventBus a = bus("a");
        EventBus b = bus("b");
        List<Envelope<Event>> atA = collect(a);
        List<Envelope<Event>> atB = collect(b);
        Bridge bridgeA = bridge(a, BridgeConfig.defaults().withOutbound(ALL).withInbound("b", ALL));
        Bridge bridgeB = bridge(b, BridgeConfig.defaults().withOutbound(ALL).withInbound("a", ALL));

        for (int i = 0; i < 100; i++) {
            a.publish(SampleEvents.esTick(i));
        }
        b.publish(SampleEvents.of(EventType.FILL, 1));

        Await.until("a's ticks at b and b's fill at a", () -> atB.size() == 101 && atA.size() == 101);
        Await.until("everything acknowledged",
                () -> bridgeA.stats().acked() == 100 && bridgeB.stats().acked() == 1);
        assertThat(transport.storedFrames("a")).as("only a's own events left a").isEqualTo(100);
        assertThat(transport.storedFrames("b")).as("only b's own event left b").isEqualTo(1);
        assertThat(atA.stream().filter(e -> !e.isLocal())).hasSize(1);
        assertThat(atB.stream().filter(e -> !e.isLocal())).hasSize(100);
    }

    @Test
    void aBridgeThatReadsItsOwnBusDropsItsFramesAsLoops() {
        EventBus a = bus("self");
        List<Envelope<Event>> seen = collect(a);
        Bridge bridge = bridge(a, BridgeConfig.defaults().withOutbound(ALL).withInbound("self", ALL));
        for (int i = 0; i < 10; i++) {
            a.publish(SampleEvents.esTick(i));
        }
        Await.until("its own frames read back", () -> bridge.stats().looped() == 10);
        assertThat(bridge.stats().delivered()).isZero();
        assertThat(seen).hasSize(10).allMatch(Envelope::isLocal);
    }

    @Test
    void aFrameDeliveredTwiceReachesTheBusOnce() {
        transport.deliverTwice = true;
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        bridge(feed, BridgeConfig.defaults().withOutbound(ALL));
        Bridge in = bridge(risk, BridgeConfig.defaults().withInbound("feed", ALL));

        for (int i = 0; i < 1_000; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("1000 duplicates dropped", () -> in.stats().duplicates() == 1_000);
        Await.until("1000 delivered", () -> received.size() == 1_000);
        assertThat(in.stats().delivered()).isEqualTo(1_000);
        assertThat(received).extracting(e -> ((MarketDataEvent) e.event()).timestamp()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void lostAcknowledgementsAreResentInOrderAndStoredOnce() {
        transport.failAck = n -> n % 7 == 3 && n < 500;
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        Bridge out = bridge(feed, BridgeConfig.defaults().withOutbound(ALL).withAckWindow(16,
                java.time.Duration.ofSeconds(5)));
        bridge(risk, BridgeConfig.defaults().withInbound("feed", ALL));

        for (int i = 0; i < 1_000; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("all 1000 across", () -> received.size() == 1_000);
        Await.until("all acknowledged", () -> out.stats().acked() == 1_000);
        assertThat(received).extracting(e -> ((MarketDataEvent) e.event()).timestamp()).isSorted().doesNotHaveDuplicates();
        assertThat(out.stats().resent()).isPositive();
        assertThat(out.stats().sendFailures()).isPositive();
        assertThat(transport.storedFrames("feed")).isEqualTo(1_000);
    }

    @Test
    void framesThatWaitArePackedInOrderIntoBatchesOfOneType() {
        transport.holdAcks = new java.util.concurrent.CompletableFuture<>();
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        Bridge out = bridge(feed, BridgeConfig.defaults().withOutbound(ALL).withBatching(4, 64 * 1024)
                .withAckWindow(1, java.time.Duration.ofSeconds(30)));
        Bridge in = bridge(risk, BridgeConfig.defaults().withInbound("feed", ALL));

        // One lane, so the bus delivers them to the bridge in this order: 1 tick, 6 fills, 3 ticks.
        List<Event> sent = new ArrayList<>();
        sent.add(SampleEvents.esTick(0));
        for (int i = 0; i < 6; i++) {
            sent.add(SampleEvents.of(EventType.FILL, i));
        }
        for (int i = 1; i < 4; i++) {
            sent.add(SampleEvents.esTick(i));
        }
        feed.publish(sent.get(0), Priority.NORMAL);
        Await.until("the first frame sent alone, its acknowledgement held", () -> out.stats().sent() == 1);
        for (Event event : sent.subList(1, sent.size())) {
            feed.publish(event, Priority.NORMAL);
        }
        Await.until("the other nine waiting behind it", () -> out.stats().buffered() == 10);
        transport.holdAcks.complete(null);
        transport.holdAcks = null;

        Await.until("all ten across", () -> received.size() == 10);
        assertThat(received).extracting(Envelope::event).containsExactlyElementsOf(sent);
        List<MemoryTransport.Stored> messages = transport.messages("feed");
        assertThat(messages).extracting(m -> WireMessage.frames(m.bytes()).size())
                .as("alone, then batches of at most 4 that never mix types").containsExactly(1, 4, 2, 3);
        assertThat(messages).extracting(MemoryTransport.Stored::subject).containsExactly("mem.feed.market_data",
                "mem.feed.fill", "mem.feed.fill", "mem.feed.market_data");
        assertThat(WireMessage.isBatch(messages.get(0).bytes())).as("a lone frame goes as a frame").isFalse();
        Await.until("all acknowledged", () -> out.stats().acked() == 10);
        assertThat(out.stats().sent()).as("counted in frames").isEqualTo(10);
        assertThat(in.stats().received()).isEqualTo(10);
        assertThat(in.stats().delivered()).isEqualTo(10);
    }

    @Test
    void aBatchStaysWithinItsByteBound() {
        transport.holdAcks = new java.util.concurrent.CompletableFuture<>();
        EventBus feed = bus("feed");
        Bridge out = bridge(feed, BridgeConfig.defaults().withOutbound(ALL).withBatching(1_000, 1_024)
                .withAckWindow(1, java.time.Duration.ofSeconds(30)));
        feed.publish(SampleEvents.esTick(0));
        Await.until("the first frame sent", () -> out.stats().sent() == 1);
        for (int i = 1; i < 100; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("99 waiting behind it", () -> out.stats().buffered() == 100);
        transport.holdAcks.complete(null);
        transport.holdAcks = null;

        Await.until("all acknowledged", () -> out.stats().acked() == 100);
        List<MemoryTransport.Stored> messages = transport.messages("feed");
        assertThat(messages).allSatisfy(m -> assertThat(m.bytes().length).isLessThanOrEqualTo(1_024));
        assertThat(messages.size()).as("batches, not one frame each").isLessThan(100);
        assertThat(transport.storedFrames("feed")).isEqualTo(100);
    }

    @Test
    void aFullBufferDropsAndCountsWithoutHoldingTheBus() {
        transport.refuseSends = true;
        EventBus feed = bus("feed");
        Bridge out = bridge(feed, BridgeConfig.defaults().withOutbound(ALL)
                .withOutboundBuffer(16, OutboundOverflow.DROP).withAckWindow(4, java.time.Duration.ofSeconds(1))
                .withCloseTimeout(java.time.Duration.ofMillis(200)));
        List<Envelope<Event>> local = collect(feed);

        for (int i = 0; i < 1_000; i++) {
            feed.publish(SampleEvents.esTick(i));
        }
        Await.until("the bus delivered everything locally", () -> local.size() == 1_000);
        Await.until("drops counted", () -> out.stats().dropped() + out.stats().buffered() == 1_000);
        assertThat(out.stats().buffered()).as("the buffer, and the window's messages of up to a batch each")
                .isLessThanOrEqualTo(16 + 4L * BridgeConfig.DEFAULT_MAX_BATCH_FRAMES);
        // The sender's thread runs apart from the bus: its first refused send may come after the drops.
        Await.until("a refused send counted", () -> out.stats().sendFailures() > 0);

        out.close();
        assertThat(out.stats().dropped()).as("at close, what was never acknowledged counts as dropped").isEqualTo(1_000);
    }

    @Test
    void aMessageThatIsNoFrameIsCountedAndSkipped() {
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        Bridge in = bridge(risk, BridgeConfig.defaults().withInbound("feed", ALL));
        transport.publishRaw("feed", "mem.feed.market_data", "garbage".getBytes(StandardCharsets.UTF_8));
        transport.publishRaw("feed", "mem.feed.market_data", new byte[0]);
        byte[] good = new WireFrame(Priority.HIGH, 42, 1, Envelope.NOT_STAMPED, SampleEvents.esTick(1)).toBytes();
        byte[] bad = good.clone();
        bad[0] = 9; // no frame version
        transport.publishRaw("feed", "mem.feed.market_data", WireMessage.pack(List.of(good, bad)));
        transport.publishRaw("feed", "mem.feed.market_data", good);

        Await.until("the good frame after the bad ones", () -> received.size() == 1);
        Await.until("the bad ones counted, a bad batch once", () -> in.stats().decodeFailures() == 3);
        assertThat(in.stats().received()).isEqualTo(4);
        assertThat(in.stats().delivered()).as("nothing of the bad batch, not even its good frame").isEqualTo(1);
    }

    @Test
    void typesNotTakenInAreSkipped() {
        EventBus feed = bus("feed");
        EventBus risk = bus("risk");
        List<Envelope<Event>> received = collect(risk);
        bridge(feed, BridgeConfig.defaults().withOutbound(ALL));
        Bridge in = bridge(risk, BridgeConfig.defaults().withInbound("feed", EnumSet.of(EventType.FILL)));
        feed.publish(SampleEvents.esTick(1));
        feed.publish(SampleEvents.of(EventType.FILL, 2));
        Await.until("the tick skipped", () -> in.stats().skipped() == 1);
        Await.until("the fill delivered", () -> received.size() == 1);
        assertThat(received.get(0).type()).isEqualTo(EventType.FILL);
    }

    @Test
    void badConfigurationIsRefusedNamingWhatWasWrong() {
        EventBus bus = bus("ok");
        assertThatThrownBy(() -> Bridge.start(bus, transport, BridgeConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sends and takes in nothing");
        EventBus dotted = bus("a.b");
        assertThatThrownBy(() -> Bridge.start(dotted, transport, BridgeConfig.defaults().withOutbound(ALL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a.b\"");
        assertThatThrownBy(() -> BridgeConfig.defaults().withInbound("x", Set.of()))
                .hasMessageContaining("InboundSource.types");
        assertThatThrownBy(() -> BridgeConfig.defaults().withOutboundBuffer(1, OutboundOverflow.DROP))
                .hasMessageContaining("outboundBuffer");
        assertThatThrownBy(() -> BridgeConfig.defaults().withInstanceId(0)).hasMessageContaining("instanceId");
        assertThatThrownBy(() -> BridgeConfig.defaults().withBatching(0, 4_096)).hasMessageContaining("maxBatchFrames");
        assertThatThrownBy(() -> BridgeConfig.defaults().withBatching(70_000, 4_096))
                .hasMessageContaining("maxBatchFrames");
        assertThatThrownBy(() -> BridgeConfig.defaults().withBatching(8, 100)).hasMessageContaining("maxBatchBytes");
    }
}
