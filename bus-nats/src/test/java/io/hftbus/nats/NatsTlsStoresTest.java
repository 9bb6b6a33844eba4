package io.hftbus.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.nats.testing.NatsServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NatsTls} loading the test stores of {@code src/test/resources/tls}, and each way a store can be wrong. */
class NatsTlsStoresTest {

    private static final String PASSWORD = "hftbus-test";

    @TempDir
    Path dir;

    private Path file(String name) throws Exception {
        return NatsServer.tlsFile(dir, name);
    }

    @Test
    void aPkcs12AndAJksTruststoreBothMakeAContext() throws Exception {
        Path pkcs12 = file("truststore.p12");
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setCertificateEntry("ca", KeyStore.getInstance(pkcs12.toFile(), PASSWORD.toCharArray())
                .getCertificate("hftbus-test-ca"));
        Path jksFile = dir.resolve("truststore.jks");
        try (OutputStream out = Files.newOutputStream(jksFile)) {
            jks.store(out, "jks-pass".toCharArray());
        }

        SSLContext fromPkcs12 = NatsTls.trusting(pkcs12, PASSWORD.toCharArray());
        SSLContext fromJks = NatsTls.trusting(jksFile, "jks-pass".toCharArray());

        assertThat(fromPkcs12.getProtocol()).isEqualTo("TLS");
        assertThat(fromJks.getProtocol()).isEqualTo("TLS");
        assertThat(NatsTls.mutual(pkcs12, PASSWORD.toCharArray(), file("client-keystore.p12"), PASSWORD.toCharArray())
                .getProtocol()).isEqualTo("TLS");
    }

    @Test
    void aMissingStoreIsNamed() {
        Path missing = dir.resolve("nowhere.p12");
        assertThatThrownBy(() -> NatsTls.trusting(missing, PASSWORD.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truststore " + missing.toAbsolutePath()).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> NatsTls.trusting(dir, PASSWORD.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is no file");
    }

    @Test
    void aWrongPasswordIsSaidAndNeverShown() throws Exception {
        Path truststore = file("truststore.p12");
        assertThatThrownBy(() -> NatsTls.trusting(truststore, "guessed-wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truststore " + truststore).hasMessageContaining("password is wrong")
                .hasMessageNotContaining("guessed-wrong");
        Path keystore = file("client-keystore.p12");
        assertThatThrownBy(() -> NatsTls.mutual(truststore, PASSWORD.toCharArray(), keystore,
                "guessed-wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keystore " + keystore).hasMessageContaining("password is wrong")
                .hasMessageNotContaining("guessed-wrong");
    }

    @Test
    void aFileThatIsNoStoreIsSaid() throws Exception {
        Path pem = file("ca.pem");
        assertThatThrownBy(() -> NatsTls.trusting(pem, PASSWORD.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truststore " + pem).hasMessageContaining("neither a PKCS12 nor a JKS store");
    }

    @Test
    void aStoreWithoutWhatItMustHoldIsSaid() throws Exception {
        Path truststore = file("truststore.p12");
        Path keystore = file("client-keystore.p12");
        assertThatThrownBy(() -> NatsTls.trusting(keystore, PASSWORD.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truststore " + keystore).hasMessageContaining("holds no certificate to trust");
        assertThatThrownBy(() -> NatsTls.mutual(truststore, PASSWORD.toCharArray(), truststore,
                PASSWORD.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keystore " + truststore).hasMessageContaining("holds no private key");
    }

    @Test
    void nullArgumentsAreNamed() throws Exception {
        Path truststore = file("truststore.p12");
        assertThatThrownBy(() -> NatsTls.trusting(null, PASSWORD.toCharArray()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("truststore");
        assertThatThrownBy(() -> NatsTls.trusting(truststore, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("password of truststore");
        assertThatThrownBy(() -> NatsTls.mutual(truststore, PASSWORD.toCharArray(), null, PASSWORD.toCharArray()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("keystore");
    }

    @Test
    void theTransportsContextChecksTheHostOnEverySocketItOpens() throws Exception {
        SSLContext checking = HostnameCheckingContext.of(NatsTls.trusting(file("truststore.p12"),
                PASSWORD.toCharArray()));
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) checking.getSocketFactory().createSocket()) {
            assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        }
        assertThat(checking.createSSLEngine("localhost", 4222).getSSLParameters().getEndpointIdentificationAlgorithm())
                .isEqualTo("HTTPS");
        assertThat(HostnameCheckingContext.of(checking)).isSameAs(checking);
    }
}
