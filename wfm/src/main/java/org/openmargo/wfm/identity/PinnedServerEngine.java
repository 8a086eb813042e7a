package org.openmargo.wfm.identity;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A server {@link SSLEngine} whose protocols, required client authentication and (absent) endpoint identification
 * are pinned by {@link PinnedTlsPolicy}: whatever parameters the web server sets afterwards, the policy is applied
 * again on top. Everything else delegates.
 *
 * <p>Why: Helidon 4.5.0 sets the endpoint identification algorithm of every server engine to {@code ""}, and the JDK
 * restores a stateless TLS 1.3 session ticket with {@code null} there, so a resumption attempt fails its
 * "endpoint id algorithm does not match" check and TLS 1.3 resumption never happens. The pinned {@code null} means
 * "not checked", which is right for a server (spec b.1: host names are not the identity check).
 */
final class PinnedServerEngine extends SSLEngine {
    private final SSLEngine delegate;
    private final PinnedTlsPolicy policy;

    PinnedServerEngine(SSLEngine delegate, PinnedTlsPolicy policy) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.delegate = delegate;
        this.policy = policy;
        policy.apply(delegate);
    }

    /**
     * Pins the policy on {@code parameters} (which it modifies) before handing them on: the JDK keeps an earlier
     * endpoint identification algorithm when a later SSLParameters carries {@code null}, so a {@code ""} must never
     * reach the delegate.
     */
    @Override
    public void setSSLParameters(SSLParameters parameters) {
        delegate.setSSLParameters(policy.pin(parameters));
    }

    @Override
    public SSLParameters getSSLParameters() {
        return delegate.getSSLParameters();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        policy.apply(delegate);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        policy.apply(delegate);
    }

    @Override
    public void setWantClientAuth(boolean want) {
        policy.apply(delegate);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer target) throws SSLException {
        return delegate.wrap(sources, offset, length, target);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] targets, int offset, int length)
            throws SSLException {
        return delegate.unwrap(source, targets, offset, length);
    }

    @Override
    public Runnable getDelegatedTask() {
        return delegate.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        delegate.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return delegate.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        delegate.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return delegate.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return delegate.getEnabledProtocols();
    }

    @Override
    public SSLSession getSession() {
        return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return delegate.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        delegate.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return delegate.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        delegate.setUseClientMode(mode);
        policy.apply(delegate);
    }

    @Override
    public boolean getUseClientMode() {
        return delegate.getUseClientMode();
    }

    @Override
    public boolean getNeedClientAuth() {
        return delegate.getNeedClientAuth();
    }

    @Override
    public boolean getWantClientAuth() {
        return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        delegate.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return delegate.getEnableSessionCreation();
    }

    @Override
    public String getApplicationProtocol() {
        return delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        // The selector must see this engine, the one the web server knows.
        delegate.setHandshakeApplicationProtocolSelector(
                selector == null ? null : (engine, protocols) -> selector.apply(this, protocols));
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return delegate.getHandshakeApplicationProtocolSelector();
    }
}
