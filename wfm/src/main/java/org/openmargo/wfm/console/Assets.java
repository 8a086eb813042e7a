package org.openmargo.wfm.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The console's static files, read once from the class path: htmx (the {@code org.webjars.npm:htmx.org} WebJar, so
 * no CDN and no Node toolchain) and the style sheet. Only these names are served; anything else is 404.
 */
final class Assets {
    /** The htmx version of the WebJar on the class path; the pom pins the same one. */
    static final String HTMX_VERSION = "2.0.4";
    private final Map<String, Asset> files;

    private record Asset(String contentType, byte[] bytes) {
    }

    Assets() {
        files = Map.of(
                "htmx.min.js", new Asset("text/javascript; charset=utf-8",
                        read("META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js")),
                "console.css", new Asset("text/css; charset=utf-8", read("console/assets/console.css")),
                "console.js", new Asset("text/javascript; charset=utf-8", read("console/assets/console.js")));
    }

    void serve(ServerRequest req, ServerResponse res) {
        Asset asset = files.get(req.path().pathParameters().first("name").orElse(""));
        PageWriter.headers(res);
        if (asset == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "private, max-age=3600");
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.send(asset.bytes());
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console resource " + resource + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
