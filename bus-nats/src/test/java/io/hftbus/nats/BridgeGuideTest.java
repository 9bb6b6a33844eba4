package io.hftbus.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.FillEvent;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.bridge.BridgeStats;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import io.hftbus.nats.testing.NatsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/bridge.md, run against a real server: the guide's snippets are these regions. */
class BridgeGuideTest {

    @Test
    void theGuidesTwoBusesTalkThroughOneServer(@TempDir Path dir) throws Exception {
        try (NatsServer server = NatsServer.start(dir);
             EventBus strategyBus = EventBus.builder().name("strategy").build();
             EventBus riskBus = EventBus.builder().name("risk").build()) {
            String url = server.url();
            List<Envelope<Event>> atRisk = Collections.synchronizedList(new ArrayList<>());
            riskBus.subscribeAll(atRisk::add);
            List<Envelope<FillEvent>> fills = Collections.synchronizedList(new ArrayList<>());
            EventBus bus = strategyBus;

            // tag::link[]
            NatsConfig nats = NatsConfig.localhost().withServers(url);       // default: nats://localhost:4222
            try (NatsTransport transport = NatsTransport.connect(nats);
                 Bridge bridge = Bridge.start(bus, transport, BridgeConfig.defaults()
                         .withOutbound(EnumSet.of(EventType.MARKET_DATA, EventType.APPROVED_SIGNAL))
                         .withInbound("risk", EnumSet.of(EventType.FILL, EventType.ORDER_UPDATE)))) {
                bus.subscribe(FillEvent.class, fill -> {
                    if (!fill.isLocal()) {                                   // came from the risk process
                        fills.add(fill);
                    }
                });
                // end::link[]
                try (NatsTransport riskSide = NatsTransport.connect(nats);
                     Bridge riskBridge = Bridge.start(riskBus, riskSide, BridgeConfig.defaults()
                             .withOutbound(EnumSet.of(EventType.FILL))
                             .withInbound("strategy", EnumSet.of(EventType.MARKET_DATA)))) {
                    bus.publish(SampleEvents.esTick(1));
                    riskBus.publish(SampleEvents.of(EventType.FILL, 2));
                    Await.until("the tick at risk and the fill at strategy", () -> atRisk.size() == 2 && fills.size() == 1);
                    // tag::stats[]
                    BridgeStats stats = bridge.stats();
                    System.out.println(stats.summary());   // sent 1, acked 1, ..., received 1, delivered 1, ...
                    // end::stats[]
                    Await.until("acknowledged", () -> bridge.stats().acked() == 1);
                    assertThat(bridge.stats().delivered()).isEqualTo(1);
                    assertThat(riskBridge.stats().delivered()).isEqualTo(1);
                    assertThat(bridge.origin(fills.get(0).origin())).hasValueSatisfying(
                            origin -> assertThat(origin.bus()).isEqualTo("risk"));
                }
            }
        }
    }

    @Test
    void theGuidesTlsConfigurationConnectsWithAUserAndPassword(@TempDir Path dir) throws Exception {
        try (NatsServer server = NatsServer.startTls(dir, "--user", "trader", "--pass", "s3cret-pass")) {
            String tlsUrl = server.tlsUrl();
            Path truststore = NatsServer.tlsFile(dir, "truststore.p12");
            char[] truststorePassword = "hftbus-test".toCharArray();
            char[] password = "s3cret-pass".toCharArray();

            // tag::tls[]
            NatsConfig nats = NatsConfig.localhost()
                    .withServers(tlsUrl)                                          // tls://nats.desk.example:4222
                    .withTls(NatsTls.trusting(truststore, truststorePassword))    // PKCS12 or JKS: the server's CA
                    .withCredentials(NatsCredentials.userPassword("trader", password));
            try (NatsTransport transport = NatsTransport.connect(nats)) {
                // end::tls[]
                assertThat(transport.endpoint()).isEqualTo(tlsUrl);
                assertThat(transport.streamInfo("strategy").getConfiguration().getName())
                        .isEqualTo("HFTBUS-strategy");
            }
        }
    }
}
