package org.openmargo.wfm.identityserviceapi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.httpcommon.Conditional;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.identityservice.PublicPaths;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The two public documents of the MIS listener (docs/identity-service.md): {@code GET /.well-known/margo} (discovery)
 * and {@code GET /.well-known/spiffe/bundle.json} (the SPIFFE trust bundle). Both carry a strong {@code ETag} over
 * the exact body and answer 304 to a matching {@code If-None-Match}; any other method on them is 405.
 */
public final class WellKnownService implements HttpService {
    static final String DISCOVERY = PublicPaths.DISCOVERY;
    static final String BUNDLE = PublicPaths.BUNDLE;

    private final IdentityService service;

    /** Serves the documents {@code service} publishes, as they are at each request. */
    public WellKnownService(IdentityService service) {
        this.service = Objects.requireNonNull(service);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(DISCOVERY, (req, res) -> send(req, res, service.discoveryJson()))
                .any(DISCOVERY, WellKnownService::onlyGet)
                .get(BUNDLE, (req, res) -> send(req, res, service.trustBundleJson()))
                .any(BUNDLE, WellKnownService::onlyGet);
    }

    private static void send(ServerRequest req, ServerResponse res, byte[] body) {
        String etag = etag(body);
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        if (Conditional.noneMatchHits(req, etag)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }

    private static void onlyGet(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ALLOW, "GET");
        throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, "Only GET is allowed here.");
    }

    /** A strong entity tag: the quoted SHA-256 of the exact body. */
    static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
