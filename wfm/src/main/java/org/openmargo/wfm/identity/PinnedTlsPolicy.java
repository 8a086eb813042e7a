package org.openmargo.wfm.identity;

import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The server TLS settings that must hold on every connection whatever the web server configures (spec b.1): only the
 * given protocols, client authentication required, no endpoint identification. Immutable.
 *
 * @param protocols the enabled protocols, for example {@code TLSv1.3}
 */
record PinnedTlsPolicy(List<String> protocols) {

    PinnedTlsPolicy {
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no TLS protocol enabled");
        }
    }

    void apply(SSLEngine engine) {
        engine.setSSLParameters(pin(engine.getSSLParameters()));
    }

    void apply(SSLSocket socket) {
        socket.setSSLParameters(pin(socket.getSSLParameters()));
    }

    void apply(SSLServerSocket socket) {
        socket.setSSLParameters(pin(socket.getSSLParameters()));
    }

    SSLParameters pin(SSLParameters parameters) {
        parameters.setProtocols(protocols.toArray(new String[0]));
        parameters.setNeedClientAuth(true);
        parameters.setEndpointIdentificationAlgorithm(null);
        return parameters;
    }
}
