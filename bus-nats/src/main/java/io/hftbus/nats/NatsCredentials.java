package io.hftbus.nats;

import java.util.Arrays;

/**
 * How the transport authenticates to the NATS server: none, a token, or a user and password. The
 * secrets are kept as character arrays, copied in and handed only to the NATS client; nothing
 * prints them: {@link #toString()} names the kind and the user, never a secret.
 */
public final class NatsCredentials {

    private static final NatsCredentials NONE = new NatsCredentials(null, null, null);

    private final String user;
    private final char[] password;
    private final char[] token;

    private NatsCredentials(String user, char[] password, char[] token) {
        this.user = user;
        this.password = password;
        this.token = token;
    }

    /** No authentication: the server's default for a local development server. */
    public static NatsCredentials none() {
        return NONE;
    }

    /**
     * A token, as a server started with {@code --auth <token>} expects.
     *
     * @throws IllegalArgumentException if {@code token} is empty
     */
    public static NatsCredentials token(char[] token) {
        if (token == null || token.length == 0) {
            throw new IllegalArgumentException("the NATS token must not be empty");
        }
        return new NatsCredentials(null, null, token.clone());
    }

    /**
     * A user and password, as a server started with {@code --user} and {@code --pass} expects.
     *
     * @throws IllegalArgumentException if either is empty
     */
    public static NatsCredentials userPassword(String user, char[] password) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("the NATS user must not be empty");
        }
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("the NATS password of user " + user + " must not be empty");
        }
        return new NatsCredentials(user, password.clone(), null);
    }

    /** The user, if these are user credentials. */
    String user() {
        return user;
    }

    /** A copy of the password, or null. */
    char[] password() {
        return password == null ? null : password.clone();
    }

    /** A copy of the token, or null. */
    char[] token() {
        return token == null ? null : token.clone();
    }

    /** Whether there is anything to send. */
    boolean isNone() {
        return user == null && token == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NatsCredentials that && java.util.Objects.equals(user, that.user)
                && Arrays.equals(password, that.password) && Arrays.equals(token, that.token);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(user, Arrays.hashCode(password), Arrays.hashCode(token));
    }

    /** The kind of credentials and the user; never a secret. */
    @Override
    public String toString() {
        if (token != null) {
            return "NatsCredentials[token ***]";
        }
        if (user != null) {
            return "NatsCredentials[user " + user + ", password ***]";
        }
        return "NatsCredentials[none]";
    }
}
