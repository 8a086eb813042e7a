package org.openmargo.wfm.identityservice;

import org.openmargo.wfm.identity.ClientId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;
import org.openmargo.wfm.ca.CertificateAuthority;

/**
 * The WFM as Margo Identity Service with its own {@link CertificateAuthority}: client SVIDs for
 * {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<id>} from verified CSRs, the WFM's own SVID, and the published
 * bundle. The public URL may be fixed once the MIS listener has bound its port ({@link #publicUrl(URI)}). Thread safe.
 */
public final class BuiltInIdentityService implements IdentityService {

    private final CertificateAuthority ca;
    private final String trustDomain;
    private final String wfmId;
    private final Duration clientLifetime;
    private final Duration wfmLifetime;
    private final List<String> pins;
    private final AtomicReference<URI> publicUrl;

    /**
     * @param pins      the MIS TLS root pin, or empty when the listener uses an operator-supplied certificate
     * @param publicUrl the https base URL devices use; replaceable until the listener has started
     */
    public BuiltInIdentityService(CertificateAuthority ca, String trustDomain, String wfmId, Duration clientLifetime,
                                  Duration wfmLifetime, List<String> pins, URI publicUrl) {
        this.ca = Objects.requireNonNull(ca);
        this.trustDomain = trustDomain;
        this.wfmId = wfmId;
        this.clientLifetime = clientLifetime;
        this.wfmLifetime = wfmLifetime;
        this.pins = List.copyOf(pins);
        this.publicUrl = new AtomicReference<>(publicUrl);
    }

    @Override
    public IssuedSvid issueClient(String clientId, String csrPem) {
        if (!ClientId.isValid(clientId)) {
            throw new IllegalArgumentException(ClientId.RULE);
        }
        PublicKey key = Csr.publicKey(csrPem);
        return issue(wfmSpiffeId() + "/client/" + clientId, key, clientLifetime);
    }

    /** Issues the WFM's own SVID ({@code spiffe://<td>/margo/wfm/<wfm-id>}) to {@code key}. */
    public IssuedSvid issueWfm(PublicKey key) {
        return issue(wfmSpiffeId(), key, wfmLifetime);
    }

    private IssuedSvid issue(String spiffeId, PublicKey key, Duration lifetime) {
        CertificateAuthority.Issued issued = ca.issue(spiffeId, key, lifetime);
        return new IssuedSvid(spiffeId, issued.chain(), issued.notAfter());
    }

    @Override
    public byte[] trustBundleJson() {
        return ca.bundleJson();
    }

    @Override
    public URI discoveryUri() {
        return URI.create(publicUrl.get() + "/.well-known/margo");
    }

    /** Built per call because the public URL may be fixed after start (docs/identity-service.md). */
    @Override
    public byte[] discoveryJson() {
        String base = publicUrl().toString();
        return Json.createObjectBuilder()
                .add("trustDomain", trustDomain)
                .add("trustBundleUri", base + PublicPaths.BUNDLE)
                .add("x-openmargo", Json.createObjectBuilder()
                        .add("wfmId", wfmId())
                        .add("enrollUri", base + PublicPaths.ENROLL))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<String> tlsPins() {
        return pins;
    }

    /** The https base URL devices reach the MIS listener at, without a trailing slash. */
    public URI publicUrl() {
        return publicUrl.get();
    }

    /** Sets the public URL, e.g. once the listener's port is known. */
    public void publicUrl(URI url) {
        publicUrl.set(Objects.requireNonNull(url));
    }

    /** The certificate authority behind this service, for the operator API. */
    public CertificateAuthority ca() {
        return ca;
    }

    /** The trust domain. */
    public String trustDomain() {
        return trustDomain;
    }

    /** This WFM's id. */
    public String wfmId() {
        return wfmId;
    }

    private String wfmSpiffeId() {
        return "spiffe://" + trustDomain + "/margo/wfm/" + wfmId;
    }
}
