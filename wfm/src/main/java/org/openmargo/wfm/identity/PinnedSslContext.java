package org.openmargo.wfm.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised server {@link SSLContext} whose engines, sockets and server sockets all carry a
 * {@link PinnedTlsPolicy}. Helidon 4.5.0 accepts connections either through {@code createSSLEngine} (NIO, the
 * default) and then sets its own SSLParameters, or through {@code getSocketFactory().createSocket(socket, in, true)},
 * which leaves the context defaults (no client authentication) in place; the policy holds on both paths.
 */
final class PinnedSslContext {
    private PinnedSslContext() {
    }

    static SSLContext wrap(SSLContext delegate, PinnedTlsPolicy policy) {
        return new SSLContext(new Spi(delegate, policy), delegate.getProvider(), delegate.getProtocol()) {
        };
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final PinnedTlsPolicy policy;

        Spi(SSLContext delegate, PinnedTlsPolicy policy) {
            this.delegate = delegate;
            this.policy = policy;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw new IllegalStateException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Sockets(delegate.getSocketFactory(), policy);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new ServerSockets(delegate.getServerSocketFactory(), policy);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new PinnedServerEngine(delegate.createSSLEngine(), policy);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new PinnedServerEngine(delegate.createSSLEngine(host, port), policy);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return policy.pin(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    private static final class Sockets extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final PinnedTlsPolicy policy;

        Sockets(SSLSocketFactory delegate, PinnedTlsPolicy policy) {
            this.delegate = delegate;
            this.policy = policy;
        }

        private Socket pinned(Socket socket) {
            policy.apply((SSLSocket) socket);
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return pinned(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return pinned(delegate.createSocket(socket, consumed, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return pinned(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return pinned(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return pinned(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return pinned(delegate.createSocket(host, port, local, localPort));
        }
    }

    private static final class ServerSockets extends SSLServerSocketFactory {
        private final SSLServerSocketFactory delegate;
        private final PinnedTlsPolicy policy;

        ServerSockets(SSLServerSocketFactory delegate, PinnedTlsPolicy policy) {
            this.delegate = delegate;
            this.policy = policy;
        }

        private ServerSocket pinned(ServerSocket socket) {
            policy.apply((SSLServerSocket) socket);
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return pinned(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return pinned(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return pinned(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return pinned(delegate.createServerSocket(port, backlog, address));
        }
    }
}
