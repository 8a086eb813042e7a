package org.openmargo.wfm.audit;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** The actor names of audit entries. */
public final class Actor {
    /** The header an operator (or the {@code wfm admin} CLI) names itself with. */
    public static final HeaderName OPERATOR_HEADER = HeaderNames.create("X-Operator-Name");
    /** The actor when the header is absent. */
    public static final String DEFAULT_OPERATOR = "operator";
    private static final int MAX_NAME = 64;

    private Actor() {
    }

    /**
     * The operator named by {@code X-Operator-Name}, or {@value #DEFAULT_OPERATOR} without it. The operator token
     * authenticates; this name only attributes (it is whatever the token holder says).
     *
     * @throws ProblemException {@code BAD_REQUEST} unless the name is 1-64 printable ASCII characters (space
     *                          allowed, not only spaces)
     */
    public static String operator(ServerRequest req) {
        var values = req.headers().all(OPERATOR_HEADER, java.util.List::of);
        if (values.isEmpty()) {
            return DEFAULT_OPERATOR;
        }
        String name = values.size() == 1 ? values.getFirst() : "";
        if (!printable(name) || name.isBlank()) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "X-Operator-Name must be one header of 1-" + MAX_NAME + " printable ASCII characters.");
        }
        return name.strip();
    }

    /** The actor of a device's own request: {@code device:<clientId>}. */
    public static String device(String clientId) {
        return "device:" + clientId;
    }

    private static boolean printable(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        return name.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
