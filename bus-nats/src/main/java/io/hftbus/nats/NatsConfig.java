package io.hftbus.nats;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Where and how {@link NatsTransport} connects, and the stream it uses. Immutable; each
 * {@code with} method returns a changed copy.
 *
 * <p>The defaults ({@link #localhost()}): the server {@code nats://localhost:4222}, no credentials,
 * no TLS; for each sending bus, the stream {@code HFTBUS-<bus>} over its subjects
 * {@code hftbus.<bus>.>}, created with {@link StreamLimits#defaults()} when missing; a connect timeout of 2 s; <b>fail at once</b> when no server
 * answers at start ({@link #withStartupRetry} opts into retrying); reconnects without end, 250 ms
 * apart; a consumer acknowledgement wait of 10 s and at most 10,000 frames unacknowledged per
 * consumer.
 *
 * <p><b>Subjects.</b> One subject per bus and event type, {@code <prefix>.<bus>.<type>}, the type
 * in lower case: {@code hftbus.feed.market_data}. One stream per sending bus, and so per bridge
 * configuration that sends: {@code <stream prefix>-<bus>} over {@code <prefix>.<bus>.>}. A stream
 * has one writer, the bus's bridge, which lets the engine check that frames are stored in order
 * (see {@link NatsTransport}).
 *
 * <p><b>Credentials</b> come from here only, never from a URL, and are never logged.
 *
 * <p><b>Threading.</b> Immutable: safe to share between threads.
 */
public final class NatsConfig {

    /** The first part of every stream's name by default: {@code HFTBUS-<bus>}. */
    public static final String DEFAULT_STREAM_PREFIX = "HFTBUS";
    /** The first token of every subject by default. */
    public static final String DEFAULT_SUBJECT_PREFIX = "hftbus";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    private final List<String> servers;
    private final NatsCredentials credentials;
    private final SSLContext sslContext;
    private final String streamPrefix;
    private final String subjectPrefix;
    private final StreamLimits limits;
    private final Duration connectTimeout;
    private final Duration startupRetry;
    private final Duration reconnectWait;
    private final Duration ackWait;
    private final int maxAckPending;

    private NatsConfig(List<String> servers, NatsCredentials credentials, SSLContext sslContext, String stream,
                       String subjectPrefix, StreamLimits limits, Duration connectTimeout, Duration startupRetry,
                       Duration reconnectWait, Duration ackWait, int maxAckPending) {
        this.servers = servers;
        this.credentials = credentials;
        this.sslContext = sslContext;
        this.streamPrefix = stream;
        this.subjectPrefix = subjectPrefix;
        this.limits = limits;
        this.connectTimeout = connectTimeout;
        this.startupRetry = startupRetry;
        this.reconnectWait = reconnectWait;
        this.ackWait = ackWait;
        this.maxAckPending = maxAckPending;
    }

    /** The defaults: a server on this machine's default port; see the class comment. */
    public static NatsConfig localhost() {
        return new NatsConfig(List.of("nats://localhost:4222"), NatsCredentials.none(), null, DEFAULT_STREAM_PREFIX,
                DEFAULT_SUBJECT_PREFIX, StreamLimits.defaults(), Duration.ofSeconds(2), Duration.ZERO,
                Duration.ofMillis(250), Duration.ofSeconds(10), 10_000);
    }

    /** The servers tried, in order. */
    public List<String> servers() {
        return servers;
    }

    /** The credentials sent to the server. */
    public NatsCredentials credentials() {
        return credentials;
    }

    /** The TLS context, or null for a plain connection. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The first part of every stream's name. */
    public String streamPrefix() {
        return streamPrefix;
    }

    /** The name of the stream of {@code bus}'s events: {@code <stream prefix>-<bus>}. */
    public String stream(String bus) {
        return streamPrefix + "-" + bus;
    }

    /** The first token of every subject. */
    public String subjectPrefix() {
        return subjectPrefix;
    }

    /** The limits of a stream when the transport creates it. */
    public StreamLimits limits() {
        return limits;
    }

    /** How long one connection attempt may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long the transport keeps trying at start, with backoff; zero fails at once. */
    public Duration startupRetry() {
        return startupRetry;
    }

    /** The pause between reconnection attempts once connected. */
    public Duration reconnectWait() {
        return reconnectWait;
    }

    /** How long the server waits for an inbound acknowledgement before it delivers a frame again. */
    public Duration ackWait() {
        return ackWait;
    }

    /** Frames delivered and not yet acknowledged per consumer, at most. */
    public int maxAckPending() {
        return maxAckPending;
    }

    /**
     * Connects to {@code urls} ({@code nats://host:port}, or {@code tls://host:port} with
     * {@link #withTls}), tried in order.
     *
     * @throws IllegalArgumentException if a URL is malformed, is not {@code nats} or {@code tls},
     *                                  or carries credentials (they belong in {@link #withCredentials})
     */
    public NatsConfig withServers(String... urls) {
        if (urls == null || urls.length == 0) {
            throw new IllegalArgumentException("at least one NATS server URL is needed");
        }
        for (String url : urls) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("NATS server URL is malformed: " + e.getMessage(), e);
            }
            if (!"nats".equals(uri.getScheme()) && !"tls".equals(uri.getScheme())) {
                throw new IllegalArgumentException("NATS server URL must start with nats:// or tls:// but was "
                        + uri.getScheme() + "://" + uri.getHost());
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("NATS server URL " + uri.getScheme() + "://" + uri.getHost()
                        + " carries credentials: give them to withCredentials instead, so that they are never logged");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("NATS server URL names no host: " + url);
            }
        }
        return new NatsConfig(List.of(urls), credentials, sslContext, streamPrefix, subjectPrefix, limits, connectTimeout,
                startupRetry, reconnectWait, ackWait, maxAckPending);
    }

    /** Authenticates with {@code credentials}. */
    public NatsConfig withCredentials(NatsCredentials credentials) {
        if (credentials == null) {
            throw new NullPointerException("credentials must not be null (use NatsCredentials.none())");
        }
        return new NatsConfig(servers, credentials, sslContext, streamPrefix, subjectPrefix, limits, connectTimeout,
                startupRetry, reconnectWait, ackWait, maxAckPending);
    }

    /**
     * Connects over TLS with {@code context}, such as {@link NatsTls#trusting} makes; null connects
     * in plain text. With a context every connection is TLS, whatever the URL's scheme ({@code tls://}
     * says so to the reader), and the server's certificate must name the URL's host.
     */
    public NatsConfig withTls(SSLContext context) {
        return new NatsConfig(servers, credentials, context, streamPrefix, subjectPrefix, limits, connectTimeout,
                startupRetry, reconnectWait, ackWait, maxAckPending);
    }

    /**
     * Names the streams {@code <streamPrefix>-<bus>} over the subjects {@code <prefix>.<bus>.>},
     * created with {@code limits} when missing.
     *
     * @throws IllegalArgumentException unless both prefixes are letters, digits, {@code _} and
     *                                  {@code -}
     */
    public NatsConfig withStreams(String streamPrefix, String prefix, StreamLimits limits) {
        requireToken("stream prefix", streamPrefix);
        requireToken("subject prefix", prefix);
        if (limits == null) {
            throw new NullPointerException("limits must not be null");
        }
        return new NatsConfig(servers, credentials, sslContext, streamPrefix, prefix, limits, connectTimeout, startupRetry,
                reconnectWait, ackWait, maxAckPending);
    }

    /**
     * Keeps trying to connect at start for up to {@code retryFor}, with backoff, before
     * {@link NatsTransport#connect} fails; zero fails at the first refusal. Refused credentials
     * and a TLS setup that cannot work (see {@link NatsTransport}) fail at once either way.
     */
    public NatsConfig withStartupRetry(Duration retryFor) {
        if (retryFor == null || retryFor.isNegative()) {
            throw new IllegalArgumentException("startupRetry must be zero or positive but was " + retryFor);
        }
        return new NatsConfig(servers, credentials, sslContext, streamPrefix, subjectPrefix, limits, connectTimeout,
                retryFor, reconnectWait, ackWait, maxAckPending);
    }

    /** Times one connection attempt out after {@code timeout} and reconnects {@code reconnectWait} apart. */
    public NatsConfig withTimeouts(Duration timeout, Duration reconnectWait) {
        requirePositive("connectTimeout", timeout);
        requirePositive("reconnectWait", reconnectWait);
        return new NatsConfig(servers, credentials, sslContext, streamPrefix, subjectPrefix, limits, timeout,
                startupRetry, reconnectWait, ackWait, maxAckPending);
    }

    /**
     * Has the server deliver a frame again when it was not acknowledged within {@code ackWait},
     * and deliver at most {@code maxAckPending} frames unacknowledged.
     */
    public NatsConfig withConsumerLimits(Duration ackWait, int maxAckPending) {
        requirePositive("ackWait", ackWait);
        if (maxAckPending < 1) {
            throw new IllegalArgumentException("maxAckPending must be positive but was " + maxAckPending);
        }
        return new NatsConfig(servers, credentials, sslContext, streamPrefix, subjectPrefix, limits, connectTimeout,
                startupRetry, reconnectWait, ackWait, maxAckPending);
    }

    private static void requireToken(String what, String value) {
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_' and '-' but was \"" + value + "\"");
        }
    }

    private static void requirePositive(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + duration);
        }
    }

    /** The servers, stream and kind of credentials; never a secret. */
    @Override
    public String toString() {
        return "NatsConfig[servers=" + servers + ", credentials=" + credentials + ", tls=" + (sslContext != null)
                + ", streams=" + streamPrefix + "-<bus>, subjects=" + subjectPrefix + ".<bus>.<type>, limits=" + limits
                + "]";
    }
}
