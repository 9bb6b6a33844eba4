package io.hftbus.bridge;

/**
 * A transport could not do what was asked: the engine is unreachable, refused the credentials, or
 * refused the request. The message names the endpoint and the cause, never a credential.
 */
public class TransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public TransportException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
