package io.hftbus.nats;

import io.hftbus.bridge.TransportException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why an attempt to connect failed, read from the exceptions jnats reported while it tried, and
 * the message that says what to fix. jnats's own exception names only the servers ("Unable to
 * connect to NATS servers"); the cause reaches the error listener instead.
 *
 * <p><b>Threading.</b> Immutable.
 */
final class ConnectFailure {

    /** What went wrong, the most telling first. */
    enum Kind {
        /** The server requires TLS and the client connected in plain text. */
        SERVER_REQUIRES_TLS,
        /** The client asked for TLS and the server offers none. */
        SERVER_OFFERS_NO_TLS,
        /** The server's certificate does not chain to a CA the client trusts. */
        CERTIFICATE_NOT_TRUSTED,
        /** The server's certificate is trusted but names another host. */
        CERTIFICATE_OF_ANOTHER_HOST,
        /**
         * The server requires a client certificate its CA signed ({@code --tlsverify}) and closed
         * the connection after the handshake: none was shown, or one it does not trust.
         */
        CLIENT_CERTIFICATE_REFUSED,
        /** The TLS handshake failed otherwise: protocol, cipher, or a client certificate the server wants. */
        HANDSHAKE,
        /** No answer, or none of the above: a retry may succeed. */
        UNREACHABLE
    }

    /** jnats's message when the server's INFO says {@code tls_required} and the client has no context. */
    private static final String SERVER_REQUIRES_TLS_MESSAGE = "SSL required by server";
    /** jnats's message when the client has a context and the server's INFO offers no TLS. */
    private static final String CLIENT_WANTS_TLS_MESSAGE = "SSL connection wanted by client";

    private final Kind kind;
    private final Throwable cause;
    /** Whether a server answered and then did not finish the connect in time. */
    private final boolean answeredTooLate;

    private ConnectFailure(Kind kind, Throwable cause, boolean answeredTooLate) {
        this.kind = kind;
        this.cause = cause;
        this.answeredTooLate = answeredTooLate;
    }

    /** The most telling of {@code reported}, the exceptions seen while connecting; or {@code thrown}. */
    static ConnectFailure of(Exception thrown, List<? extends Throwable> reported) {
        Kind kind = Kind.UNREACHABLE;
        Throwable cause = thrown;
        boolean answeredTooLate = false;
        for (Throwable exception : reported) {
            // jnats's wait for the server's PONG, after the handshake: the server took the connection
            answeredTooLate |= exception instanceof TimeoutException;
            ConnectFailure candidate = classify(exception);
            if (candidate.kind.compareTo(kind) < 0) {
                kind = candidate.kind;
                cause = candidate.cause;
            }
        }
        return new ConnectFailure(kind, cause, answeredTooLate);
    }

    private static ConnectFailure classify(Throwable exception) {
        Kind kind = Kind.UNREACHABLE;
        Throwable telling = exception;
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            Kind found = null;
            if (message.startsWith(SERVER_REQUIRES_TLS_MESSAGE)) {
                found = Kind.SERVER_REQUIRES_TLS;
            } else if (message.startsWith(CLIENT_WANTS_TLS_MESSAGE)) {
                found = Kind.SERVER_OFFERS_NO_TLS;
            } else if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                found = Kind.CERTIFICATE_NOT_TRUSTED;
            } else if (t instanceof CertificateException
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
                found = Kind.CERTIFICATE_OF_ANOTHER_HOST;
            } else if (t instanceof SSLException) {
                found = Kind.HANDSHAKE;
            }
            if (found != null && found.compareTo(kind) < 0) {
                kind = found;
                telling = t;
            }
        }
        return new ConnectFailure(kind, telling, false);
    }

    Kind kind() {
        return kind;
    }

    /**
     * Whether a server took the connection and then did not answer, which is how jnats reports a
     * server that wants a client certificate it was not shown; {@link ServerInfoProbe} can tell.
     */
    boolean mayBeARefusedClientCertificate() {
        return kind == Kind.UNREACHABLE && answeredTooLate;
    }

    /** This failure, known to be a server's refusal of the client's certificate or of its absence. */
    ConnectFailure asClientCertificateRefused() {
        return new ConnectFailure(Kind.CLIENT_CERTIFICATE_REFUSED, cause, answeredTooLate);
    }

    /** Whether trying again may succeed: only when no server answered; a wrong setup fails at once. */
    boolean retryable() {
        return kind == Kind.UNREACHABLE;
    }

    /** The exception for {@link NatsTransport#connect}, naming {@code endpoint}, the cause and what to fix. */
    TransportException toException(String endpoint, Exception thrown, String retried) {
        String why = cause.getMessage();
        String message = switch (kind) {
            case SERVER_REQUIRES_TLS -> "NATS at " + endpoint + " requires TLS, and the client connected in plain "
                    + "text: connect with tls:// URLs and NatsConfig.withTls(NatsTls.trusting(truststore, password))";
            case SERVER_OFFERS_NO_TLS -> "NATS at " + endpoint + " offers no TLS, and the configuration asks for it "
                    + "(NatsConfig.withTls): start the server with --tls, or connect without TLS";
            case CERTIFICATE_NOT_TRUSTED -> "NATS at " + endpoint + " presented a certificate that is not trusted: "
                    + "no CA of the truststore signed it (" + why + "); give NatsTls.trusting the truststore "
                    + "holding the CA that signed the server's certificate";
            case CERTIFICATE_OF_ANOTHER_HOST -> "NATS at " + endpoint + " presented a trusted certificate of another "
                    + "host (" + why + "): connect with a host name the certificate names, or give the server a "
                    + "certificate for this one";
            case CLIENT_CERTIFICATE_REFUSED -> "NATS at " + endpoint + " requires a client certificate signed by "
                    + "a CA it trusts (it runs with --tlsverify) and closed the connection after the TLS handshake: "
                    + "give NatsTls.mutual a keystore holding such a certificate with its key";
            case HANDSHAKE -> "the TLS handshake with NATS at " + endpoint + " failed (" + why + "): check the "
                    + "server's TLS settings, and whether it requires a client certificate (NatsTls.mutual)";
            case UNREACHABLE -> "cannot connect to NATS at " + endpoint + retried + ": " + thrown.getMessage()
                    + " (is nats-server running there, with -js?)";
        };
        return new TransportException(message, cause);
    }
}
