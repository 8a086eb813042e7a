package org.openmargo.agent.renewal;

import java.io.IOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.csr.CertificationRequest;
import org.openmargo.agent.csr.DeviceKey;
import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.identity.IssuedSvid;
import org.openmargo.agent.identity.ProblemDetail;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;

/**
 * One renewal attempt ({@code docs/identity-service.md}, "Renewal"): a fresh P-256 key, {@code POST
 * /x-openmargo/identity/v1/renew {"csr"}} over the agent's mTLS connection, the answer checked like an enrollment's
 * (our key, same SPIFFE ID as now, chains to the returned bundle), key and chain installed by the crash-safe swap of
 * {@link IdentityFiles}, then {@link WfmClient#rebuild} so the next request presents the new SVID. Never throws,
 * never sleeps: the outcome decides the next attempt ({@link RenewalSchedule}).
 */
public final class Renewal {
    /** The renewal path below the WFM base URL. */
    public static final String PATH = "/x-openmargo/identity/v1/renew";

    private final WfmClient client;
    private final IdentityFiles files;
    private final Clock clock;
    private final SecureRandom random;

    public Renewal(WfmClient client, IdentityFiles files, Clock clock, SecureRandom random) {
        this.client = client;
        this.files = files;
        this.clock = clock;
        this.random = random;
    }

    /** Renews the SVID the client presents now. */
    public RenewalOutcome attempt() {
        Svid current = client.svid();
        KeyPair keys = DeviceKey.generate(random);
        String cn = current.clientId().length() > CertificationRequest.MAX_COMMON_NAME
                ? current.clientId().substring(0, CertificationRequest.MAX_COMMON_NAME) : current.clientId();
        CertificationRequest csr = CertificationRequest.create(keys, cn, Optional.of(current.spiffeId()));
        byte[] body = Json.writeUtf8(JsonObject.builder().put("csr", csr.pem()).build());
        WfmResponse response;
        try {
            response = client.send(new WfmRequest("POST", PATH,
                    Map.of("Content-Type", "application/json", "Accept", "application/json"), body));
        } catch (IOException e) {
            return new RenewalOutcome.Failed("cannot reach the WFM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RenewalOutcome.Failed("interrupted");
        }
        return switch (response.status()) {
            case 200, 201 -> install(response.body(), keys, current);
            case 404 -> new RenewalOutcome.NotOffered();
            case 403 -> new RenewalOutcome.Refused("403 " + ProblemDetail.of(response.body()).orElse("forbidden"));
            default -> new RenewalOutcome.Failed("the WFM answered "
                    + ProblemDetail.status(response.status(), response.body()));
        };
    }

    private RenewalOutcome install(byte[] body, KeyPair keys, Svid current) {
        IssuedSvid issued;
        try {
            issued = IssuedSvid.check(body, keys, Optional.of(current.trustDomain()),
                    Optional.of(current.spiffeId()), clock.instant());
        } catch (IllegalArgumentException e) {
            return new RenewalOutcome.Failed("refused the renewed SVID: " + e.getMessage());
        }
        try {
            files.install(DeviceKey.pkcs8Pem(keys.getPrivate()), issued.chainPem());
        } catch (IOException e) {
            return new RenewalOutcome.Failed("cannot write the renewed SVID: " + e.getMessage());
        }
        client.rebuild(issued.svid());
        return new RenewalOutcome.Renewed(issued.svid());
    }
}
