package org.openmargo.wfm.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An initialised server {@link SSLContext} (a {@link DecoratedSslContext}) whose engines, sockets and server sockets all carry a
 * {@link PinnedTlsPolicy}. Helidon 4.5.0 accepts connections either through {@code createSSLEngine} (NIO, the
 * default) and then sets its own SSLParameters, or through {@code getSocketFactory().createSocket(socket, in, true)},
 * which leaves the context defaults (no client authentication) in place; the policy holds on both paths.
 */
final class PinnedSslContext {
    private PinnedSslContext() {
    }

    static SSLContext wrap(SSLContext delegate, PinnedTlsPolicy policy) {
        return DecoratedSslContext.wrap(delegate, new DecoratedSslContext.Decorator() {
            @Override
            public SSLEngine engine(SSLEngine engine) {
                return new PinnedServerEngine(engine, policy);
            }

            @Override
            public SSLSocketFactory sockets(SSLSocketFactory sockets) {
                return new Sockets(sockets, policy);
            }

            @Override
            public SSLServerSocketFactory serverSockets(SSLServerSocketFactory serverSockets) {
                return new ServerSockets(serverSockets, policy);
            }

            @Override
            public SSLParameters defaults(SSLParameters parameters) {
                return policy.pin(parameters);
            }
        });
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
