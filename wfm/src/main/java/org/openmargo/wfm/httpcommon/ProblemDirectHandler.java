package org.openmargo.wfm.httpcommon;

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
        Answer answer = Answer.of(request, eventType, status);
        int code = answer.status().code();
        ProblemType type = typeOf(code);
        String title = type == null ? answer.status().reasonPhrase() : type.title();
        String body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", code)
                .add("detail", answer.detail())
                .add("retryable", code >= 500)
                .add("backoffStrategy", code >= 500 ? "exponential" : "none")
                .build().toString();
        if (code == Status.UPGRADE_REQUIRED_426.code()) {
            headers.set(HeaderNames.UPGRADE, "HTTP/1.1"); // RFC 9110 15.5.22: a 426 must name the protocol
        }
        TransportResponse.Builder response = TransportResponse.builder()
                .status(answer.status())
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .keepAlive(answer.keepAlive() && eventType.keepAlive());
        if (!request.method().equalsIgnoreCase("HEAD")) {
            response.entity(body.getBytes(StandardCharsets.UTF_8));
        }
        return response.build();
    }

    private static ProblemType typeOf(int code) {
        for (ProblemType t : ProblemType.values()) {
            if (t.status() == code && t.uri().toString().equals("about:blank")) {
                return t;
            }
        }
        return null;
    }

    /**
     * The status, detail and keep-alive of an answer. Helidon 4.5.0 gives some client mistakes a 5xx status: a
     * request line it cannot parse at all (a method token with a control or non-ASCII character) surfaces as an
     * internal error of a request without method, {@code HTTP/1.0} as 505, and a transfer coding other than
     * {@code chunked} or {@code CONNECT} to an IP-future literal as 501. They are answered 400, 426 and 400 here; a
     * real internal error keeps its 500 and an overload its 503.
     */
    private record Answer(Status status, String detail, boolean keepAlive) {
        static Answer of(TransportRequest request, EventType eventType, Status status) {
            if (status.code() == Status.NOT_IMPLEMENTED_501.code()) {
                // RFC 9112 6.1 suggests 501 for an unknown transfer coding; to a client it is its own mistake
                return new Answer(Status.BAD_REQUEST_400,
                        "The request uses a transfer coding or form this server does not implement.", false);
            }
            return switch (eventType) {
                case BAD_REQUEST -> new Answer(status, status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()
                        ? "The request body exceeds the server's limit." : "The request is not valid HTTP/1.1.", true);
                case PAYLOAD_TOO_LARGE -> new Answer(status, "The request body exceeds the server's limit.", true);
                case FORBIDDEN -> new Answer(status, "The request is not allowed.", true);
                case HTTP_VERSION_NOT_SUPPORTED -> new Answer(Status.UPGRADE_REQUIRED_426,
                        "This server speaks HTTP/1.1 only.", false);
                case INTERNAL_ERROR -> request.method().isEmpty()
                        ? new Answer(Status.BAD_REQUEST_400, "The request line is not valid HTTP/1.1.", false)
                        : new Answer(status, "The server could not process the request.", true);
                case OTHER -> new Answer(status, status.code() >= 500 ? "The server could not process the request."
                        : "The request is not valid HTTP/1.1.", true);
            };
        }
    }
}
