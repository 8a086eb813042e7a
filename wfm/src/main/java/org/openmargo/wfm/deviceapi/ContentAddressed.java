package org.openmargo.wfm.deviceapi;

import org.openmargo.wfm.httpcommon.Conditional;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.desiredstate.Digest;

/**
 * Serves an immutable, content-addressed artifact (a deployment YAML or a bundle): exactly the stored bytes, the
 * quoted digest as strong ETag, {@code Cache-Control: private, max-age=31536000, immutable}, and 304 when the client
 * already holds it (spec a.5, a.6, c.4).
 */
final class ContentAddressed {
    private ContentAddressed() {
    }

    static void send(ServerRequest req, ServerResponse res, Digest digest, String mediaType, byte[] bytes) {
        res.header(HeaderNames.ETAG, digest.etag());
        res.header(HeaderNames.CACHE_CONTROL, DeploymentsService.IMMUTABLE);
        if (Conditional.noneMatchHits(req, digest.etag())) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, mediaType);
        res.send(bytes);
    }
}
