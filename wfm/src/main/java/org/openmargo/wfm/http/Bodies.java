package org.openmargo.wfm.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** Reads request bodies with a hard size cap and checks their declared media type. */
public final class Bodies {
    private Bodies() {
    }

    /**
     * Reads the whole body, refusing more than {@code maxBytes} with 413 (without buffering the excess).
     *
     * @throws ProblemException {@code CONTENT_TOO_LARGE} or {@code BAD_REQUEST} when the stream breaks
     */
    public static byte[] read(ServerRequest req, int maxBytes) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ProblemException(ProblemType.CONTENT_TOO_LARGE,
                        "The request body exceeds the limit of " + maxBytes + " bytes.");
            }
            return bytes;
        } catch (IOException | UncheckedIOException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The request body could not be read completely.");
        }
    }

    /**
     * Requires a declared content type of the given family (for example {@code json} matches {@code application/json}
     * and {@code application/*+json}); a missing Content-Type is accepted and the body is judged by its content.
     *
     * @throws ProblemException {@code UNSUPPORTED_MEDIA_TYPE} for any other declared type
     */
    public static void requireType(ServerRequest req, String mainType, String suffix) {
        var declared = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (declared.isEmpty()) {
            return;
        }
        String type = declared.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals(mainType) || (type.startsWith("application/") && type.endsWith("+" + suffix))) {
            return;
        }
        throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be " + mainType + ", not " + type + ".");
    }
}
