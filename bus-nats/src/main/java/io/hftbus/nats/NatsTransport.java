package io.hftbus.nats;

import io.hftbus.api.event.EventType;
import io.hftbus.bridge.BridgeTransport;
import io.hftbus.bridge.InboundChannel;
import io.hftbus.bridge.OutboundChannel;
import io.hftbus.bridge.TransportException;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's transport over NATS JetStream, on the {@code jnats} client.
 *
 * <pre>{@code
 * try (NatsTransport nats = NatsTransport.connect(NatsConfig.localhost().withServers("nats://10.0.0.5:4222"))) {
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Subjects and streams.</b> A bus's events of one type go to {@code <prefix>.<bus>.<type>}
 *       ({@link #subject}); the stream {@link NatsConfig#stream(String) HFTBUS-&lt;bus&gt;} holds
 *       {@code <prefix>.<bus>.>} and is created with {@link NatsConfig#limits()} when missing, by
 *       the sender or by a reader that comes first.</li>
 *   <li><b>Outbound.</b> Asynchronous publishes of a frame, or of a batch of frames of one type
 *       that waited together ({@link io.hftbus.bridge.WireMessage}), each with the message id
 *       {@code <origin>-<sequence of its last frame>} (hexadecimal origin), so that the stream
 *       stores a resent message once within its duplicate window, and with the expected last
 *       message id of its predecessor, so that the stream refuses a message whose predecessor was
 *       lost instead of storing it out of order. The bridge
 *       bounds the acknowledgements in flight and resends from the first refused one. One process
 *       sends a bus's events at a time.</li>
 *   <li><b>Inbound.</b> A durable pull consumer per reader, filtered to the remote bus's subjects,
 *       acknowledging each polled batch at once after the bridge handled it ({@code AckPolicy.ALL}).
 *       A restarted process resumes after the last batch it acknowledged.</li>
 *   <li><b>Connection.</b> At start, a clear {@link TransportException} when no server answers, or
 *       retries with backoff for {@link NatsConfig#startupRetry()}; refused credentials and a TLS
 *       setup that cannot work fail at once, each with its own message (below).
 *       Once connected, the client reconnects without end; while disconnected, sends and polls fail
 *       at once (the client buffers nothing of its own), so the bridge's bounded buffer is the only
 *       one and counts what it drops.</li>
 *   <li><b>TLS.</b> With {@link NatsConfig#withTls} (for example {@link NatsTls#trusting}), every
 *       connection is TLS, whatever the URL's scheme, and the server's certificate must chain to a
 *       trusted CA and name the URL's host (DNS or IP subject alternative name, as HTTPS checks it;
 *       jnats alone does not check the name). {@link #connect} tells apart, each with a message
 *       naming the servers and what to fix: a server that requires TLS reached in plain text, one
 *       that offers none, a certificate no trusted CA signed, a certificate of another host, and a
 *       server that requires a client certificate ({@code --tlsverify}) it was not shown.</li>
 * </ul>
 *
 * <p><b>Threading.</b> Safe from any thread; each channel is used by one bridge thread.
 */
public final class NatsTransport implements BridgeTransport {

    private static final Logger LOG = LoggerFactory.getLogger(NatsTransport.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** JetStream's error code for a stream that does not exist. */
    private static final int STREAM_NOT_FOUND = 10059;
    /** Bytes kept free in a message for its headers (message id, expected last id) and subject. */
    private static final int HEADER_ROOM = 512;

    private final NatsConfig config;
    private final String endpoint;
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final AtomicLong reconnects;
    /** Set by {@link #close()}, so that the disconnect it causes is not reported as a fault. */
    private final AtomicBoolean closing;
    private final java.util.Set<String> readyStreams = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private NatsTransport(NatsConfig config, String endpoint, Connection connection, AtomicLong reconnects,
                          AtomicBoolean closing) throws IOException {
        this.closing = closing;
        this.config = config;
        this.endpoint = endpoint;
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.management = connection.jetStreamManagement();
        this.reconnects = reconnects;
    }

    /**
     * Connects to the first server of {@code config} that answers.
     *
     * @throws TransportException naming the servers and the cause when none answers (after
     *                            {@link NatsConfig#startupRetry()}), the credentials are refused, or
     *                            TLS cannot work: required by one side only, a certificate not
     *                            trusted or of another host, a client certificate required
     */
    public static NatsTransport connect(NatsConfig config) {
        if (config == null) {
            throw new NullPointerException("config must not be null");
        }
        String endpoint = config.servers().stream().map(NatsTransport::withoutUserInfo)
                .collect(Collectors.joining(","));
        AtomicLong reconnects = new AtomicLong();
        AtomicBoolean closing = new AtomicBoolean();
        QuietErrorListener errors = new QuietErrorListener();
        Options options = options(config, reconnects, closing, errors);
        long deadline = System.nanoTime() + config.startupRetry().toNanos();
        long backoff = TimeUnit.MILLISECONDS.toNanos(100);
        while (true) {
            errors.startAttempt();
            try {
                Connection connection = Nats.connect(options);
                errors.endAttempt();
                try {
                    NatsTransport transport = new NatsTransport(config, endpoint, connection, reconnects, closing);
                    LOG.info("Connected to NATS at {} ({})", endpoint, connection.getServerInfo().getVersion());
                    return transport;
                } catch (IOException e) {
                    connection.close();
                    throw new TransportException("NATS at " + endpoint + " offers no JetStream (start the server "
                            + "with -js): " + e.getMessage(), e);
                }
            } catch (AuthenticationException e) {
                throw new TransportException("NATS at " + endpoint + " refused the credentials ("
                        + config.credentials() + "): " + e.getMessage(), e);
            } catch (IOException e) {
                ConnectFailure failure = ConnectFailure.of(e, errors.endAttempt());
                if (config.sslContext() != null && failure.mayBeARefusedClientCertificate()
                        && config.servers().stream().anyMatch(
                                url -> ServerInfoProbe.requiresClientCertificate(url, config.connectTimeout()))) {
                    failure = failure.asClientCertificateRefused();
                }
                if (!failure.retryable() || System.nanoTime() - deadline >= 0) {
                    throw failure.toException(endpoint, e,
                            config.startupRetry().isZero() ? "" : " within " + config.startupRetry());
                }
                LOG.warn("NATS at {} does not answer ({}); retrying in {} ms", endpoint, e.getMessage(),
                        TimeUnit.NANOSECONDS.toMillis(backoff));
                sleep(Math.min(backoff, Math.max(0, deadline - System.nanoTime())), endpoint);
                backoff = Math.min(backoff * 2, TimeUnit.SECONDS.toNanos(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while connecting to NATS at " + endpoint, e);
            }
        }
    }

    private static Options options(NatsConfig config, AtomicLong reconnects,
                                   AtomicBoolean closing, QuietErrorListener errors) {
        Options.Builder builder = new Options.Builder()
                .servers(config.servers().toArray(new String[0]))
                .connectionName("hftbus-bridge")
                .connectionTimeout(config.connectTimeout())
                .reconnectWait(config.reconnectWait())
                .maxReconnects(-1)
                // Nothing buffered in the client while disconnected: the bridge's buffer is bounded and counted.
                .reconnectBufferSize(0)
                .errorListener(errors)
                .connectionListener(listener(reconnects, closing));
        NatsCredentials credentials = config.credentials();
        if (credentials.token() != null) {
            builder.token(credentials.token());
        } else if (credentials.user() != null) {
            builder.userInfo(credentials.user().toCharArray(), credentials.password());
        }
        if (config.sslContext() != null) {
            // jnats sets no endpoint identification on its TLS sockets: the host is checked here.
            builder.sslContext(HostnameCheckingContext.of(config.sslContext()));
        }
        return builder.build();
    }

    private static ConnectionListener listener(AtomicLong reconnects, AtomicBoolean closing) {
        // A failed attempt at start reports DISCONNECTED too: connect's exception tells of that one.
        AtomicBoolean connected = new AtomicBoolean();
        return (connection, event) -> {
            if (event == ConnectionListener.Events.CONNECTED) {
                connected.set(true);
            } else if (event == ConnectionListener.Events.RECONNECTED) {
                reconnects.incrementAndGet();
                LOG.info("Reconnected to NATS");
            } else if (event == ConnectionListener.Events.DISCONNECTED && connected.get() && !closing.get()) {
                LOG.warn("Disconnected from NATS; reconnecting");
            }
        };
    }

    /** The subject of {@code bus}'s events of {@code type}: {@code <prefix>.<bus>.<type in lower case>}. */
    public String subject(String bus, EventType type) {
        return busSubjects(bus) + type.name().toLowerCase(Locale.ROOT);
    }

    /** {@code <prefix>.<bus>.}: the start of every subject of {@code bus}. */
    String busSubjects(String bus) {
        requireName("bus", bus);
        return config.subjectPrefix() + "." + bus + ".";
    }

    /** The configuration it connected with. */
    public NatsConfig config() {
        return config;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    /**
     * The smaller of the stream's largest message ({@link StreamLimits#maxMessageBytes()}) and the
     * server's largest payload, less room for the headers: the bridge packs no batch beyond it.
     */
    @Override
    public int maxMessageBytes() {
        long serverMax = connection.getMaxPayload();
        long limit = Math.min(config.limits().maxMessageBytes(), serverMax > 0 ? serverMax : Long.MAX_VALUE);
        return (int) Math.max(1_024, limit - HEADER_ROOM);
    }

    @Override
    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public OutboundChannel outbound(String bus) {
        requireName("bus", bus);
        ensureStream(bus);
        String[] subjects = new String[EventType.count()];
        for (EventType type : EventType.values()) {
            subjects[type.ordinal()] = subject(bus, type);
        }
        return new NatsOutbound(jetStream, subjects);
    }

    @Override
    public InboundChannel inbound(String remoteBus, String consumer) {
        requireName("remote bus", remoteBus);
        requireName("consumer", consumer);
        ensureStream(remoteBus);
        ConsumerConfiguration consumerConfig = ConsumerConfiguration.builder()
                .durable(consumer)
                .filterSubject(busSubjects(remoteBus) + ">")
                .deliverPolicy(DeliverPolicy.All)
                .ackPolicy(AckPolicy.All)
                .ackWait(config.ackWait())
                .maxAckPending(config.maxAckPending())
                .build();
        try {
            JetStreamSubscription subscription = jetStream.subscribe(busSubjects(remoteBus) + ">",
                    PullSubscribeOptions.builder().stream(config.stream(remoteBus)).configuration(consumerConfig).build());
            return new NatsInbound(subscription);
        } catch (IOException | JetStreamApiException | IllegalStateException | IllegalArgumentException e) {
            throw new TransportException("NATS at " + endpoint + " refused consumer " + consumer + " of bus "
                    + remoteBus + " on stream " + config.stream(remoteBus) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The current state of the stream of {@code bus}'s events, created first if missing.
     *
     * @throws TransportException if the server cannot be reached
     */
    public StreamInfo streamInfo(String bus) {
        requireName("bus", bus);
        ensureStream(bus);
        try {
            return management.getStreamInfo(config.stream(bus));
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            throw new TransportException("cannot read stream " + config.stream(bus) + " at " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    /** The JetStream context, for replays. */
    JetStream jetStream() {
        return jetStream;
    }

    /** Creates the stream of {@code bus} when missing, with the configured limits; an existing one is used as it is. */
    private void ensureStream(String bus) {
        String stream = config.stream(bus);
        if (readyStreams.contains(stream)) {
            return;
        }
        synchronized (this) {
            if (readyStreams.contains(stream)) {
                return;
            }
            try {
                try {
                    management.getStreamInfo(stream);
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                        throw e;
                    }
                    StreamLimits limits = config.limits();
                    management.addStream(StreamConfiguration.builder()
                            .name(stream)
                            .subjects(busSubjects(bus) + ">")
                            .maxAge(limits.maxAge())
                            .maxBytes(limits.maxBytes())
                            .maxMessages(limits.maxMessages())
                            .maximumMessageSize(limits.maxMessageBytes())
                            .duplicateWindow(limits.duplicateWindow())
                            .storageType(limits.fileStorage() ? StorageType.File : StorageType.Memory)
                            .replicas(limits.replicas())
                            .discardPolicy(DiscardPolicy.Old)
                            .build());
                    LOG.info("Created stream {} over {}> at {}: {}", stream, busSubjects(bus), endpoint, limits);
                }
                readyStreams.add(stream);
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                throw new TransportException("cannot find or create stream " + stream + " at " + endpoint
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Closes the connection. Idempotent. */
    @Override
    public void close() {
        closing.set(true);
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "NatsTransport[" + endpoint + ", streams " + config.streamPrefix() + "-<bus>]";
    }

    static void requireName(String what, String name) {
        if (name == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_' and '-' but was \"" + name + "\"");
        }
    }

    private static String withoutUserInfo(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static void sleep(long nanos, String endpoint) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while connecting to NATS at " + endpoint, e);
        }
    }

    /**
     * jnats's errors, through SLF4J at debug: the bridge counts and reports what matters. While
     * {@link #connect} tries, it also keeps the first exceptions reported, because jnats's own
     * exception names no cause.
     *
     * <p><b>Threading.</b> jnats calls it on its callback thread; {@link #connect} starts and ends
     * attempts on its own. A failed {@code Nats.connect} closes the connection, which waits for the
     * callback thread to finish its queue (up to the connect timeout) before it throws, so the
     * attempt's exceptions are in by then; one that comes later is missed, and the message falls
     * back to the servers' names. The queue is concurrent, so no other ordering is needed.
     */
    private static final class QuietErrorListener implements ErrorListener {

        /** How many exceptions of one attempt are kept; jnats reports a handful at most. */
        private static final int KEPT = 8;

        private final java.util.Queue<Exception> attempt = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final AtomicBoolean recording = new AtomicBoolean();

        void startAttempt() {
            attempt.clear();
            recording.set(true);
        }

        /** Stops keeping exceptions, and returns those of the attempt. */
        java.util.List<Exception> endAttempt() {
            recording.set(false);
            java.util.List<Exception> seen = java.util.List.copyOf(attempt);
            attempt.clear();
            return seen;
        }

        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.debug("NATS error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            LOG.debug("NATS exception: {}", exp.toString());
            if (recording.get() && attempt.size() < KEPT) {
                attempt.add(exp);
            }
        }
    }
}
