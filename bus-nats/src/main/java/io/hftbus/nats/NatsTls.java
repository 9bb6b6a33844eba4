package io.hftbus.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for {@link NatsConfig#withTls}, loaded from key stores, so that an application
 * need not build an {@link SSLContext} by hand:
 *
 * <pre>{@code
 * NatsConfig nats = NatsConfig.localhost().withServers("tls://nats.desk.example:4222")
 *         .withTls(NatsTls.trusting(Path.of("/etc/hftbus/truststore.p12"), password));
 * }</pre>
 *
 * <p>A store is PKCS12 or JKS, told apart by its content, not its name. A truststore holds the
 * certificates of the CAs that may sign the server's certificate; a keystore, for mutual TLS, holds
 * the client's certificate with its private key, readable with the store's password.
 *
 * <p><b>Errors.</b> A store that is missing, unreadable, of no known format, opened with the wrong
 * password, or without what it must hold fails with an {@link IllegalArgumentException} naming the
 * file and what to fix. No message, and nothing logged, ever holds a password.
 *
 * <p><b>Threading.</b> Stateless; safe from any thread. The passwords are read during the call and
 * not kept, so the caller may clear its arrays afterwards. The returned context is fully
 * initialised and may be shared by any number of transports and threads.
 */
public final class NatsTls {

    private NatsTls() {
    }

    /**
     * A context that trusts the servers whose certificates a CA of {@code trustStore} signed.
     *
     * @throws IllegalArgumentException naming the file when it is missing, cannot be read, is no
     *                                  PKCS12 or JKS store, the password is wrong, or it holds no
     *                                  certificate
     * @throws NullPointerException     if an argument is null
     */
    public static SSLContext trusting(Path trustStore, char[] password) {
        return context(trustFactory(trustStore, password), null);
    }

    /**
     * A context for mutual TLS: it trusts the servers whose certificates a CA of {@code trustStore}
     * signed, and shows the server the certificate and key of {@code keyStore}.
     *
     * @throws IllegalArgumentException naming the file when a store is missing, cannot be read, is
     *                                  no PKCS12 or JKS store, its password is wrong, the truststore
     *                                  holds no certificate or the keystore no key readable with its
     *                                  password
     * @throws NullPointerException     if an argument is null
     */
    public static SSLContext mutual(Path trustStore, char[] trustStorePassword, Path keyStore,
                                    char[] keyStorePassword) {
        TrustManagerFactory trust = trustFactory(trustStore, trustStorePassword);
        KeyStore keys = load("keystore", keyStore, keyStorePassword);
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(keys.aliases())) {
                hasKey |= keys.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("keystore " + keyStore + " holds no private key: import the "
                        + "client's certificate with its key (openssl pkcs12 -export, or keytool -importkeystore)");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, keyStorePassword);
            return context(trust, factory.getKeyManagers());
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("keystore " + keyStore + ": its key cannot be read with the store's "
                    + "password; give the key the same password as the store", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore " + keyStore + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustFactory(Path trustStore, char[] password) {
        KeyStore trusted = load("truststore", trustStore, password);
        try {
            boolean hasCertificate = false;
            for (String alias : Collections.list(trusted.aliases())) {
                hasCertificate |= trusted.isCertificateEntry(alias);
            }
            if (!hasCertificate) {
                throw new IllegalArgumentException("truststore " + trustStore + " holds no certificate to trust: "
                        + "import the CA that signed the server's certificate (keytool -importcert)");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("truststore " + trustStore + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String what, Path file, char[] password) {
        if (file == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (password == null) {
            throw new NullPointerException("the password of " + what + " " + file + " must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file.toAbsolutePath() + " does not exist or is no file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(what + " " + file + " does not open with the password given: "
                        + "the password is wrong, or the file is damaged", e);
            }
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(what + " " + file + " is neither a PKCS12 nor a JKS store", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManagerFactory trust, KeyManager[] keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS context: " + e.getMessage(), e);
        }
    }
}
