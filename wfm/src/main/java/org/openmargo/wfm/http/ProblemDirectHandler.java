package org.openmargo.wfm.http;

import java.nio.charset.StandardCharsets;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import jakarta.json.Json;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Answers the errors that the web server raises before any routing (an unparsable request line or header, a body over
 * the listener's hard limit, an unsupported HTTP version) as problem+json too, so that a client always gets the same
 * error format. The server's own message is not echoed: it may quote the request.
 */
public final class ProblemDirectHandler implements DirectHandler {
    private ProblemDirectHandler() {
    }

    /** Direct handlers for every event type, all answering problem+json. */
    public static DirectHandlers all() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        ProblemDirectHandler handler = new ProblemDirectHandler();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        int code = status.code();
        ProblemType type = typeOf(code);
        String title = type == null ? status.reasonPhrase() : type.title();
        String body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", code)
                .add("detail", detail(eventType))
                .add("retryable", code >= 500)
                .add("backoffStrategy", code >= 500 ? "exponential" : "none")
                .build().toString();
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .keepAlive(eventType.keepAlive())
                .entity(body.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static ProblemType typeOf(int code) {
        for (ProblemType t : ProblemType.values()) {
            if (t.status() == code && t.uri().toString().equals("about:blank")) {
                return t;
            }
        }
        return null;
    }

    private static String detail(EventType eventType) {
        return switch (eventType) {
            case BAD_REQUEST -> "The request is not valid HTTP/1.1.";
            case PAYLOAD_TOO_LARGE -> "The request body exceeds the server's limit.";
            case FORBIDDEN -> "The request is not allowed.";
            case HTTP_VERSION_NOT_SUPPORTED -> "This HTTP version is not supported.";
            case INTERNAL_ERROR, OTHER -> "The server could not process the request.";
        };
    }
}
