package org.openmargo.wfm.deviceapi;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.desiredstate.BundleRef;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** {@code GET /api/v1/bundles/{digest}} (spec a.6): a bundle this client's manifest referenced, byte for byte. */
public final class BundlesService implements HttpService {
    private static final String PREFIX = "/api/v1/bundles/";
    private final ManifestCache store;

    public BundlesService(ManifestCache store) {
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.route(m -> true, PathMatchers.create(PREFIX + "*"), this::bundle);
    }

    private void bundle(ServerRequest req, ServerResponse res) {
        if (!req.prologue().method().equals(Method.GET)) {
            res.header(HeaderNames.ALLOW, "GET");
            throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, "Only GET is allowed here.");
        }
        String clientId = Caller.of(req);
        Optional<Digest> digest = Digest.parse(PathIds.after(req, PREFIX).orElse(""));
        Optional<byte[]> bytes = digest.flatMap(d -> store.bundle(clientId, d));
        if (bytes.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_BUNDLE, "No bundle with that digest is available to this client.");
        }
        ContentAddressed.send(req, res, digest.get(), BundleRef.MEDIA_TYPE, bytes.get());
    }
}
