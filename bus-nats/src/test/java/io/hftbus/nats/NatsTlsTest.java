package io.hftbus.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hftbus.api.Envelope;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.EventType;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.bridge.TransportException;
import io.hftbus.nats.testing.NatsServer;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport over TLS, against a real {@code nats-server --tls} with the test certificates of
 * {@code src/test/resources/tls} (see the README there): what works, and the message of each way
 * a TLS setup can be wrong.
 */
class NatsTlsTest {

    private static final Set<EventType> ALL = EnumSet.allOf(EventType.class);
    private static final char[] STORE_PASSWORD = "hftbus-test".toCharArray();
    /** Far longer than any test runs: a failure that is retried would show as a timeout. */
    private static final Duration PATIENT = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private SSLContext trustingTheTestCa() throws IOException {
        return NatsTls.trusting(NatsServer.tlsFile(dir, "truststore.p12"), STORE_PASSWORD);
    }

    private static NatsConfig config(String url, SSLContext tls) {
        return NatsConfig.localhost().withServers(url).withTls(tls)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100));
    }

    /** Connecting fails, at once even with a long startup retry, since no retry can mend the setup. */
    private static TransportException connectFails(NatsConfig config) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (NatsTransport unexpected = NatsTransport.connect(config.withStartupRetry(PATIENT))) {
                throw new AssertionError("connected to " + unexpected.endpoint());
            } catch (TransportException expected) {
                return expected;
            }
        });
    }

    @Test
    void eventsPublishedInOneBusArriveInTheOtherOverTls() throws Exception {
        try (NatsServer server = NatsServer.startTls(dir)) {
            NatsConfig tls = config(server.tlsUrl(), trustingTheTestCa());
            try (EventBus feed = EventBus.builder().name("feed").build();
                 EventBus risk = EventBus.builder().name("risk").build();
                 NatsTransport sending = NatsTransport.connect(tls);
                 NatsTransport receiving = NatsTransport.connect(tls);
                 Bridge out = Bridge.start(feed, sending, BridgeConfig.defaults().withOutbound(ALL));
                 Bridge in = Bridge.start(risk, receiving, BridgeConfig.defaults().withInbound("feed", ALL))) {
                List<Envelope<Event>> received = Collections.synchronizedList(new ArrayList<>());
                risk.subscribeAll(received::add);
                List<Event> sent = new ArrayList<>();
                for (EventType type : EventType.values()) {
                    Event event = SampleEvents.of(type, type.ordinal());
                    sent.add(event);
                    feed.publish(event);
                }

                Await.until("every type at risk", () -> received.size() == sent.size());
                assertThat(received).extracting(Envelope::event).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(received).noneMatch(Envelope::isLocal);
                Await.until("all acknowledged", () -> out.stats().acked() == sent.size());
                assertThat(in.stats().decodeFailures()).isZero();
                assertThat(sending.endpoint()).isEqualTo(server.tlsUrl());
            }
        }
    }

    @Test
    void aUserAndPasswordAreSentOverTlsAndAWrongOneIsRefusedClearly() throws Exception {
        try (NatsServer server = NatsServer.startTls(dir, "--user", "trader", "--pass", "s3cret-pass")) {
            // localhost, the certificate's other name, as well as 127.0.0.1 elsewhere
            NatsConfig tls = config("tls://localhost:" + server.port(), trustingTheTestCa());
            NatsConfig right = tls.withCredentials(NatsCredentials.userPassword("trader", "s3cret-pass".toCharArray()));
            try (NatsTransport transport = NatsTransport.connect(right)) {
                assertThat(transport.streamInfo("feed").getConfiguration().getName()).isEqualTo("HFTBUS-feed");
            }

            NatsConfig wrong = tls.withCredentials(NatsCredentials.userPassword("trader", "not-it".toCharArray()));
            assertThat(connectFails(wrong)).hasMessageContaining("refused the credentials")
                    .hasMessageContaining("user trader").hasMessageNotContaining("not-it");
        }
    }

    @Test
    void aClientTrustingAnotherCaIsToldTheServersCertificateIsNotTrusted() throws Exception {
        try (NatsServer server = NatsServer.startTls(dir)) {
            SSLContext otherCa = NatsTls.trusting(NatsServer.tlsFile(dir, "other-truststore.p12"), STORE_PASSWORD);

            TransportException failure = connectFails(config(server.tlsUrl(), otherCa));

            assertThat(failure).hasMessageStartingWith("NATS at " + server.tlsUrl())
                    .hasMessageContaining("presented a certificate that is not trusted")
                    .hasMessageContaining("NatsTls.trusting")
                    .hasMessageNotContaining("nats-server running");
        }
    }

    @Test
    void aCertificateOfAnotherHostIsRefusedThoughItsCaIsTrusted() throws Exception {
        try (NatsServer server = NatsServer.start(dir, "--tls",
                "--tlscert", NatsServer.tlsFile(dir, "elsewhere-cert.pem").toString(),
                "--tlskey", NatsServer.tlsFile(dir, "elsewhere-key.pem").toString())) {

            TransportException failure = connectFails(config(server.tlsUrl(), trustingTheTestCa()));

            assertThat(failure).hasMessageStartingWith("NATS at " + server.tlsUrl())
                    .hasMessageContaining("certificate of another host")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void aPlainConnectionToAServerThatRequiresTlsIsToldSo() throws Exception {
        try (NatsServer server = NatsServer.startTls(dir)) {

            TransportException failure = connectFails(config(server.url(), null));

            assertThat(failure).hasMessageStartingWith("NATS at " + server.url() + " requires TLS")
                    .hasMessageContaining("tls://").hasMessageContaining("NatsConfig.withTls")
                    .hasMessageNotContaining("nats-server running");
        }
    }

    @Test
    void aTlsConnectionToAServerWithoutTlsIsToldSo() throws Exception {
        try (NatsServer server = NatsServer.start(dir)) {

            TransportException failure = connectFails(config(server.url(), trustingTheTestCa()));

            assertThat(failure).hasMessageStartingWith("NATS at " + server.url() + " offers no TLS")
                    .hasMessageContaining("--tls");
        }
    }

    @Test
    void mutualTlsShowsTheClientsCertificateAndWithoutOneTheHandshakeFailsClearly() throws Exception {
        try (NatsServer server = NatsServer.startTls(dir, "--tlsverify",
                "--tlscacert", NatsServer.tlsFile(dir, "ca.pem").toString())) {
            SSLContext mutual = NatsTls.mutual(NatsServer.tlsFile(dir, "truststore.p12"), STORE_PASSWORD,
                    NatsServer.tlsFile(dir, "client-keystore.p12"), STORE_PASSWORD);
            try (NatsTransport transport = NatsTransport.connect(config(server.tlsUrl(), mutual))) {
                assertThat(transport.streamInfo("feed").getConfiguration().getName()).isEqualTo("HFTBUS-feed");
            }

            TransportException failure = connectFails(config(server.tlsUrl(), trustingTheTestCa()));

            assertThat(failure).hasMessageContaining("NATS at " + server.tlsUrl())
                    .hasMessageContaining("client certificate");
        }
    }
}
