package org.openmargo.agent.enrollment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.openmargo.agent.csr.CertificationRequest;
import org.openmargo.agent.csr.DeviceKey;
import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.identity.IssuedSvid;
import org.openmargo.agent.identity.ProblemDetail;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.trust.Discovery;
import org.openmargo.agent.trust.MisClient;
import org.openmargo.agent.trust.TrustStore;

/**
 * Device enrollment with a one-time token ({@code docs/identity-service.md}, "Enrollment"): read the discovery
 * document over HTTPS authenticated by the pins, generate a P-256 key on the device, POST {@code {"token","csr"}} to
 * the document's {@code x-openmargo.enrollUri} (or {@code <discovery origin>/x-openmargo/enrollment/v1/enroll}), check
 * the answer ({@link IssuedSvid}: our key, client shape, the discovery document's trust domain, chains to the returned
 * bundle), then install key (0600) and chain with the crash-safe swap of {@link IdentityFiles} and seed the cached
 * trust bundle so the agent can start offline. Nothing is written unless every check passed.
 *
 * <p>The enroll URI must be https and, when pins are configured, on the discovery document's origin: the pins
 * authenticate that origin only, and the token must not go anywhere else.
 */
public final class Enrollment {
    /** The path of the enrollment endpoint below the MIS origin when discovery does not name one. */
    public static final String DEFAULT_PATH = "/x-openmargo/enrollment/v1/enroll";

    /**
     * @param discoveryUrl {@code trust.discovery-url}
     * @param pins         {@code trust.pins}; empty for the JDK's trust store
     * @param files        where the SVID goes
     * @param stateDir     {@code state.dir}, for the cached trust bundle
     * @param commonName   the CSR subject's CN (advisory)
     */
    public record Settings(URI discoveryUrl, List<String> pins, IdentityFiles files, Path stateDir,
                           String commonName) {
        public Settings {
            Objects.requireNonNull(discoveryUrl, "discoveryUrl");
            pins = List.copyOf(pins);
            Objects.requireNonNull(files, "files");
            Objects.requireNonNull(stateDir, "stateDir");
            Objects.requireNonNull(commonName, "commonName");
        }
    }

    private final Settings settings;
    private final MisClient http;
    private final Clock clock;
    private final SecureRandom random;

    private Enrollment(Settings settings, Clock clock, SecureRandom random) {
        this.settings = settings;
        this.http = new MisClient(settings.pins());
        this.clock = clock;
        this.random = random;
    }

    public static Enrollment create(Settings settings, Clock clock, SecureRandom random) {
        MisClient.requireHttps(settings.discoveryUrl(), "trust.discovery-url");
        return new Enrollment(settings, clock, random);
    }

    /**
     * Enrolls with {@code token} and installs the SVID.
     *
     * @return the installed SVID
     * @throws EnrollmentException with a one-line reason; then nothing was written
     */
    public Svid enroll(String token) throws EnrollmentException {
        Discovery discovery = discover();
        URI enroll = enrollUri(settings.discoveryUrl(), discovery, !settings.pins().isEmpty());
        KeyPair keys = DeviceKey.generate(random);
        CertificationRequest csr = CertificationRequest.create(keys, settings.commonName(), Optional.empty());
        byte[] body = Json.writeUtf8(JsonObject.builder().put("token", token).put("csr", csr.pem()).build());
        HttpResponse<byte[]> response;
        try {
            response = http.post(enroll, "application/json", body);
        } catch (IOException e) {
            throw new EnrollmentException("cannot reach " + enroll + ": " + e.getMessage(), e);
        }
        IssuedSvid issued = check(enroll, response, keys, discovery.trustDomain());
        try {
            settings.files().install(DeviceKey.pkcs8Pem(keys.getPrivate()), issued.chainPem());
            TrustStore.seed(settings.stateDir(), issued.bundle());
        } catch (IOException e) {
            throw new EnrollmentException("enrolled, but cannot write the identity files: " + e.getMessage(), e);
        }
        return issued.svid();
    }

    private Discovery discover() throws EnrollmentException {
        URI url = settings.discoveryUrl();
        try {
            HttpResponse<byte[]> response = http.get(url);
            if (response.statusCode() != 200) {
                throw new EnrollmentException("the discovery document " + url + " answered "
                        + ProblemDetail.status(response.statusCode(), response.body()));
            }
            return Discovery.parse(url, response.body());
        } catch (IOException e) {
            throw new EnrollmentException("cannot read the discovery document " + url + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new EnrollmentException(e.getMessage(), e);
        }
    }

    private IssuedSvid check(URI enroll, HttpResponse<byte[]> response, KeyPair keys, String trustDomain)
            throws EnrollmentException {
        switch (response.statusCode()) {
            case 201 -> {
                try {
                    return IssuedSvid.check(response.body(), keys, Optional.of(trustDomain), Optional.empty(),
                            clock.instant());
                } catch (IllegalArgumentException e) {
                    throw new EnrollmentException("refused the SVID from " + enroll + ": " + e.getMessage(), e);
                }
            }
            case 403 -> throw new EnrollmentException("the enrollment token was refused (unknown, used, expired or "
                    + "revoked): ask the operator for a new one (wfm admin token create)");
            case 422 -> throw new EnrollmentException("the WFM rejected the certificate request: "
                    + ProblemDetail.of(response.body()).orElse("no detail given"));
            default -> throw new EnrollmentException(enroll + " answered "
                    + ProblemDetail.status(response.statusCode(), response.body()));
        }
    }

    /**
     * The enrollment endpoint: the discovery document's {@code x-openmargo.enrollUri}, else the discovery origin plus
     * {@link #DEFAULT_PATH}.
     *
     * @param pinned whether pins authenticate the discovery origin (then the endpoint must be on it)
     * @throws EnrollmentException if the endpoint is not https, or not on the pinned origin
     */
    static URI enrollUri(URI discoveryUrl, Discovery discovery, boolean pinned) throws EnrollmentException {
        URI uri = discovery.enrollUri().orElseGet(() -> discoveryUrl.resolve(DEFAULT_PATH));
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new EnrollmentException("the discovery document names an enrollment URI that is not https: " + uri);
        }
        if (pinned && !origin(uri).equals(origin(discoveryUrl))) {
            throw new EnrollmentException("the discovery document names an enrollment URI on another origin than "
                    + "the pinned one (" + origin(discoveryUrl) + "): " + uri);
        }
        return uri;
    }

    private static String origin(URI uri) {
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
