package io.hftbus.nats;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Reads the {@code INFO} line a NATS server sends every client before anything else, in plain
 * text even when it requires TLS, to tell why a TLS connection failed where jnats does not say:
 * a server started with {@code --tlsverify} (its INFO says {@code "tls_verify":true}) closes the
 * connection of a client without an acceptable certificate after the handshake, and jnats then
 * reports only that the server did not answer in time.
 *
 * <p><b>Threading.</b> Stateless; safe from any thread. Blocks for at most about twice the timeout.
 */
final class ServerInfoProbe {

    private static final Pattern TLS_VERIFY = Pattern.compile("\"tls_verify\"\\s*:\\s*true");
    /** Far more than an INFO line holds; the line is read no further. */
    private static final int MAX_INFO_BYTES = 16 * 1024;
    private static final int DEFAULT_PORT = 4222;

    private ServerInfoProbe() {
    }

    /** Whether the server at {@code url} says it requires a client certificate; false if it does not answer. */
    static boolean requiresClientCertificate(String url, Duration timeout) {
        URI uri = URI.create(url);
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), millis);
            socket.setSoTimeout(millis);
            return TLS_VERIFY.matcher(firstLine(new BufferedInputStream(socket.getInputStream()))).find();
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        byte[] line = new byte[MAX_INFO_BYTES];
        int length = 0;
        int b;
        while (length < line.length && (b = in.read()) >= 0 && b != '\n') {
            line[length++] = (byte) b;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        return text.startsWith("INFO ") ? text : "";
    }
}
