package io.hftbus.nats.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nats-server -js} for the tests of the bridge and the examples: on a free port of
 * the loopback interface, its store in a directory of the test's, started and stopped by the test.
 * Never skipped: when the binary is missing, starting fails and says how to install it.
 *
 * <p>{@link #startTls} starts one that requires TLS, with the test certificates of the class
 * path's {@code tls/} directory (see the README there), copied into the test's directory first by
 * {@link #tlsFile}.
 */
public final class NatsServer implements AutoCloseable {

    public static final String INSTALL_HINT = "nats-server is not installed. The bridge's tests run against a real NATS "
            + "server: install it with `sudo apt-get install -y nats-server` (Debian, Ubuntu) or from "
            + "https://nats.io/download/ so that `nats-server` is on the PATH, then run the tests again.";

    private final Path binary;
    private final Path store;
    private final Path log;
    private final int port;
    private final List<String> extra;
    private Process process;

    private NatsServer(Path binary, Path store, int port, List<String> extra) {
        this.binary = binary;
        this.store = store;
        this.log = store.resolveSibling(store.getFileName() + ".log");
        this.port = port;
        this.extra = extra;
    }

    /** Starts a server with JetStream, storing in {@code dir}; {@code extra} are more flags (credentials). */
    public static NatsServer start(Path dir, String... extra) throws IOException, InterruptedException {
        Path store = dir.resolve("jetstream");
        Files.createDirectories(store);
        NatsServer server = new NatsServer(binary(), store, freePort(), List.of(extra));
        server.start();
        return server;
    }

    /**
     * Starts a server with JetStream that requires TLS, storing in {@code dir}, with the test CA's
     * certificate for {@code localhost} and {@code 127.0.0.1}; {@code extra} are more flags, such
     * as {@code --tlsverify --tlscacert <ca.pem>} for mutual TLS. Clients connect to {@link #tlsUrl()}.
     */
    public static NatsServer startTls(Path dir, String... extra) throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(List.of("--tls",
                "--tlscert", tlsFile(dir, "server-cert.pem").toString(),
                "--tlskey", tlsFile(dir, "server-key.pem").toString()));
        flags.addAll(List.of(extra));
        return start(dir, flags.toArray(new String[0]));
    }

    /**
     * Copies the test TLS file {@code name} (such as {@code ca.pem} or {@code truststore.p12}) out
     * of the class path's {@code tls/} directory into {@code dir/tls/}, and returns where it is.
     */
    public static Path tlsFile(Path dir, String name) throws IOException {
        Path target = dir.resolve("tls").resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        try (java.io.InputStream in = NatsServer.class.getResourceAsStream("/tls/" + name)) {
            if (in == null) {
                throw new IOException("no test TLS file tls/" + name + " on the class path");
            }
            Files.copy(in, target);
        }
        return target;
    }

    /** The server binary: {@code nats-server} on the PATH, or where Debian's package puts it. */
    public static Path binary() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(entry, "nats-server"));
            }
        }
        candidates.add(Path.of("/usr/sbin/nats-server"));
        candidates.add(Path.of("/usr/bin/nats-server"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(INSTALL_HINT);
    }

    /** {@code nats://127.0.0.1:<port>}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** {@code tls://127.0.0.1:<port>}, for a server started with {@link #startTls}. */
    public String tlsUrl() {
        return "tls://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** (Re)starts the process on the same port and store. */
    public synchronized void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-js", "-a", "127.0.0.1",
                "-p", Integer.toString(port), "-sd", store.toString()));
        command.addAll(extra);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IOException("nats-server exited with " + process.exitValue() + "; its log: "
                        + Files.readString(log));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("nats-server did not listen on port " + port + " within 20 s");
            }
            Thread.sleep(20); // polling a port for a process starting up; the deadline bounds it
        }
    }

    /** Kills the process with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("nats-server survived kill -9 for 20 s");
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * Publishes raw messages to JetStream as any client could, bypassing the bridge, on a server
     * without TLS: one per element of {@code bodies}, with the message id {@code ids[i]} if
     * {@code ids} is not null.
     */
    public void publishRaw(String subject, String[] ids, byte[]... bodies) throws Exception {
        io.nats.client.Connection connection = io.nats.client.Nats.connect(url());
        try {
            io.nats.client.JetStream jetStream = connection.jetStream();
            for (int i = 0; i < bodies.length; i++) {
                io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers();
                if (ids != null) {
                    headers.put("Nats-Msg-Id", ids[i]);
                }
                jetStream.publish(subject, headers, bodies[i]);
            }
        } finally {
            connection.close();
        }
    }

    /** Stops the process: a clean shutdown, then a kill if it lingers. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
