package org.openmargo.wfm;

import java.util.function.Consumer;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.config.ProxiedDeviceApiSettings;
import org.openmargo.wfm.deviceapi.DeviceApi;
import org.openmargo.wfm.forwarded.ProxyIdentity;
import org.openmargo.wfm.httpcommon.ConnectionCloseFilter;
import org.openmargo.wfm.httpcommon.ConnectionDeadlines;
import org.openmargo.wfm.httpcommon.ProblemDirectHandler;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identity.SvidKeyManager;

/**
 * The "proxied device API" listener: the Margo device API for a TLS-terminating proxy (HAProxy mode (b),
 * docs/deployment.md). Mutual TLS where the only client accepted is the proxy, pinned by certificate fingerprint;
 * the device's SVID arrives in RFC 9440 headers and is checked by the same authenticator as on the direct listener.
 * The SVID renewal extension is served too, for the caller that filter established.
 */
final class ProxiedListener {
    static final String SOCKET = "proxied-device-api";

    private ProxiedListener() {
    }

    static void add(WebServerConfig.Builder builder, ProxiedDeviceApiSettings settings, SvidKeyManager keys,
                    Identity identity, ConnectionDeadlines deadlines,
                    Consumer<ListenerConfig.BuilderBase<?, ?>> bounds, long maxPayload, HttpService[] resources) {
        ProxyIdentity proxy = ProxyIdentity.of(settings.proxyFingerprints());
        builder.putSocket(SOCKET, s -> s
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(maxPayload)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .tls(deadlines.guard(proxy.serverTls(keys)))
                .update(bounds::accept)
                .directHandlers(ProblemDirectHandler.all())
                .routing(r -> DeviceApi.proxiedRouting(r.addFilter(new ConnectionCloseFilter()), proxy,
                        identity.authenticator(), resources)));
    }
}
