package io.hftbus.nats;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose client sockets check that the server's certificate names the host
 * they were opened to, by the rules of HTTPS (RFC 2818: the subject alternative names, DNS or IP),
 * as a browser does. jnats opens its TLS sockets with the URL's host but sets no endpoint
 * identification, so without this a certificate of any host that a trusted CA signed would be
 * accepted. Everything else is the wrapped context's.
 *
 * <p><b>Threading.</b> As the wrapped context: safe from any thread.
 */
final class HostnameCheckingContext extends SSLContext {

    /** The endpoint identification algorithm of HTTPS, which checks the host against the certificate's names. */
    static final String HTTPS = "HTTPS";

    private HostnameCheckingContext(SSLContext wrapped) {
        super(new Spi(wrapped), wrapped.getProvider(), wrapped.getProtocol());
    }

    /** {@code context}, with the host checked on every client socket and engine it opens to a host. */
    static SSLContext of(SSLContext context) {
        return context instanceof HostnameCheckingContext ? context : new HostnameCheckingContext(context);
    }

    private static <S extends Socket> S checking(S socket) {
        if (socket instanceof SSLSocket ssl) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(HTTPS);
            ssl.setSSLParameters(parameters);
        }
        return socket;
    }

    private static final class Spi extends SSLContextSpi {

        private final SSLContext wrapped;

        Spi(SSLContext wrapped) {
            this.wrapped = wrapped;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("the wrapped TLS context is initialised already");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new CheckingSocketFactory(wrapped.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return wrapped.getServerSocketFactory();
        }

        /** An engine without a peer host has no name to check: as the wrapped context makes it. */
        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return wrapped.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine engine = wrapped.createSSLEngine(host, port);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(HTTPS);
            engine.setSSLParameters(parameters);
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return wrapped.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return wrapped.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return wrapped.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return wrapped.getSupportedSSLParameters();
        }
    }

    private static final class CheckingSocketFactory extends SSLSocketFactory {

        private final SSLSocketFactory wrapped;

        CheckingSocketFactory(SSLSocketFactory wrapped) {
            this.wrapped = wrapped;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return wrapped.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return wrapped.getSupportedCipherSuites();
        }

        /** The one jnats calls: TLS over its connected plain socket, after the server's INFO. */
        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return checking(wrapped.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket() throws IOException {
            return checking(wrapped.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return checking(wrapped.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return checking(wrapped.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return checking(wrapped.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return checking(wrapped.createSocket(address, port, localAddress, localPort));
        }

        /** A server's socket over consumed bytes: no server name to check, as the wrapped factory makes it. */
        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return wrapped.createSocket(socket, consumed, autoClose);
        }
    }
}
