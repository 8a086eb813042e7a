package org.openmargo.wfm.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * Serves the OpenAPI documents of the WFM's APIs as YAML, read once from the class path
 * ({@code openapi/<name>.yaml}): {@code GET /openapi} lists them, {@code GET /openapi/<name>.yaml} answers one.
 * The documents are the contract as this WFM implements it; a test compares them with the live routes.
 */
public final class ApiDocuments implements HttpService {
    /** The documents served: the Margo device API (Margo Management API 1.0.0-rc.3) and the operator API. */
    public static final List<String> NAMES = List.of("device-api", "operator-api");
    private static final String MEDIA_TYPE = "application/yaml";

    private final List<byte[]> documents;

    private ApiDocuments(List<byte[]> documents) {
        this.documents = documents;
    }

    /**
     * Reads the documents.
     *
     * @throws IllegalStateException when one is missing from the class path (a broken build)
     */
    public static ApiDocuments create() {
        return new ApiDocuments(NAMES.stream().map(ApiDocuments::read).toList());
    }

    /** The bytes of one document, as served. */
    public static byte[] read(String name) {
        try (InputStream in = ApiDocuments.class.getResourceAsStream("/openapi/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/" + name + ".yaml is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openapi", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            StringBuilder index = new StringBuilder();
            NAMES.forEach(n -> index.append("/openapi/").append(n).append(".yaml\n"));
            res.send(index.toString());
        });
        for (int i = 0; i < NAMES.size(); i++) {
            byte[] document = documents.get(i);
            rules.get("/openapi/" + NAMES.get(i) + ".yaml", (req, res) -> {
                res.status(Status.OK_200);
                res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
                res.send(document);
            });
        }
    }
}
