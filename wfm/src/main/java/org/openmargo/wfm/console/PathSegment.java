package org.openmargo.wfm.console;

import java.util.regex.Pattern;

import io.helidon.webserver.http.ServerRequest;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * A path parameter of a console page that the console puts into an operator API path: RFC 3986 unreserved
 * characters only, not {@code .} or {@code ..}, so that it stays one segment of the API path it is copied into.
 */
final class PathSegment {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

    private PathSegment() {
    }

    /** The parameter; 400 unless it is a safe segment. */
    static String of(ServerRequest req, String name) {
        String value = req.path().pathParameters().first(name).orElse("");
        if (!SEGMENT.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The " + name + " in the path is invalid.");
        }
        return value;
    }
}
