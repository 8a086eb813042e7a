package org.openmargo.wfm.identity;

import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised {@link SSLContext} that delegates everything to another one and passes what it hands out (engines,
 * socket factories, default parameters) through a {@link Decorator} first. The one way the WFM adjusts what Helidon
 * gets from a context: the pinned TLS policy ({@link PinnedSslContext}) and the handshake deadline of
 * {@code httpcommon.ConnectionDeadlines} are both decorators. Session contexts and supported parameters are the
 * delegate's own; the context cannot be initialised again.
 */
public final class DecoratedSslContext {
    private DecoratedSslContext() {
    }

    /** What a decorated context changes; each method defaults to handing the delegate's object through unchanged. */
    public interface Decorator {
        /** Called for every engine the context creates, on the thread that asked for it. */
        default SSLEngine engine(SSLEngine engine) {
            return engine;
        }

        /** Called each time the socket factory is asked for. */
        default SSLSocketFactory sockets(SSLSocketFactory sockets) {
            return sockets;
        }

        /** Called each time the server socket factory is asked for. */
        default SSLServerSocketFactory serverSockets(SSLServerSocketFactory serverSockets) {
            return serverSockets;
        }

        /** Called each time the default parameters are asked for. */
        default SSLParameters defaults(SSLParameters parameters) {
            return parameters;
        }
    }

    /** {@code delegate}, with what it hands out passed through {@code decorator}. */
    public static SSLContext wrap(SSLContext delegate, Decorator decorator) {
        return new SSLContext(new Spi(delegate, decorator), delegate.getProvider(), delegate.getProtocol()) {
        };
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final Decorator decorator;

        Spi(SSLContext delegate, Decorator decorator) {
            this.delegate = delegate;
            this.decorator = decorator;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw new IllegalStateException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return decorator.sockets(delegate.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return decorator.serverSockets(delegate.getServerSocketFactory());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return decorator.engine(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return decorator.engine(delegate.createSSLEngine(host, port));
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
            return decorator.defaults(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }
}
