package org.openmargo.wfm.httpcommon;

import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * Closes the connection after an answer that says {@code Connection: close}, to a request that asked for it
 * (RFC 9112 9.6), and after any answer that left the request body unread. Helidon 4.5.0 writes the header but keeps reading requests from the connection, so bytes that were
 * never meant as a request (the rest of a broken chunked body, the unread body of an {@code Expect: 100-continue}
 * request) were parsed as the next one. Register it first, so that it sees every answer of the routing.
 *
 * <p>It also owns the rule for when an answer must close: {@link #closeAfterAnswer(ServerRequest)} marks a request
 * whose body can no longer be framed, and {@link #mustClose(ServerRequest)} tells {@link Problems} to say so.
 */
public final class ConnectionCloseFilter implements Filter {
    private static final String CLOSE_MARK = ConnectionCloseFilter.class.getName() + ".close";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        if (hasClose(req.headers()) || hasClose(res.headers()) || mustClose(req)) {
            throw new CloseConnectionException("Connection: close");
        }
    }

    /** Marks the request so that its answer closes the connection: the body's framing is broken. */
    static void closeAfterAnswer(ServerRequest req) {
        req.context().register(CLOSE_MARK, Boolean.TRUE);
    }

    /**
     * Whether the answer to this request must close the connection: its body framing is broken, or the body was not
     * read. The WFM does not drain an unread body: after an {@code Expect: 100-continue} nobody knows whether the
     * client will still send it (RFC 9110 10.1.1), and Helidon 4.5.0, draining a chunked body whose framing is
     * broken, parses the following lines as chunk sizes and waits for them forever.
     */
    static boolean mustClose(ServerRequest req) {
        if (req.context().get(CLOSE_MARK, Boolean.class).orElse(false)) {
            return true;
        }
        return req.content().hasEntity() && !req.content().consumed();
    }

    private static boolean hasClose(Headers headers) {
        for (String value : headers.all(HeaderNames.CONNECTION, List::of)) {
            for (String option : value.split(",")) {
                if (option.trim().equalsIgnoreCase(HeaderValues.CONNECTION_CLOSE.get())) {
                    return true;
                }
            }
        }
        return false;
    }
}
