package org.openmargo.wfm.httpcommon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
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
     * @throws ProblemException {@code CONTENT_TOO_LARGE}, or {@code BAD_REQUEST} when the body's framing is broken
     *                          (the connection is then closed after the answer)
     */
    public static byte[] read(ServerRequest req, int maxBytes) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        byte[] bytes = readAtMost(req, maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new ProblemException(ProblemType.CONTENT_TOO_LARGE,
                    "The request body exceeds the limit of " + maxBytes + " bytes.");
        }
        return bytes;
    }

    /**
     * Reads up to {@code limit} bytes. Helidon 4.5.0 reports a broken chunked framing (a chunk size that is not
     * hexadecimal, negative or above 2^31, a chunk extension, trailer fields, a total above the listener's payload
     * limit) by throwing from the stream, some of it as unchecked exceptions of the JDK: each of them is the client's
     * mistake, answered 400 (413 for the size) on a connection that is then closed, since the rest of the body can
     * no longer be told apart from a next request. A body cut off by the client leaving closes the connection
     * without an answer (there is no one to read it, and Helidon would log a failed answer as a warning).
     */
    private static byte[] readAtMost(ServerRequest req, int limit) {
        try (InputStream in = req.content().inputStream()) {
            return in.readNBytes(limit);
        } catch (RequestException e) {
            ConnectionCloseFilter.closeAfterAnswer(req);
            if (e.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
                throw new ProblemException(ProblemType.CONTENT_TOO_LARGE,
                        "The request body exceeds the server's limit.");
            }
            throw brokenBody();
        } catch (IOException | UncheckedIOException | DataReader.InsufficientDataAvailableException e) {
            // the client left (or the connection broke) in the middle of its body: nobody is left to answer
            throw new CloseConnectionException("request body cut off", e);
        } catch (RuntimeException e) {
            ConnectionCloseFilter.closeAfterAnswer(req);
            throw brokenBody();
        }
    }

    private static ProblemException brokenBody() {
        return new ProblemException(ProblemType.BAD_REQUEST,
                "The request body could not be read: its framing (Content-Length or chunked encoding) is invalid.");
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
