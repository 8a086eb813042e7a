package org.openmargo.wfm.operatorapi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.helidon.webserver.http.ServerRequest;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Which clients {@code GET /operator/v1/clients} lists: {@code q} (a case-insensitive part of the client id, 1-128
 * printable ASCII characters), {@code standing} ({@code accepted}, {@code retired} or {@code unlisted}), and a page
 * ({@code offset} from 0, {@code limit} 1-{@value #MAX_LIMIT}). Without {@code limit} every matching client is
 * listed, as before paging existed.
 *
 * @param q        the part of the id to look for; empty = every id
 * @param standing the standing to keep; empty = every standing
 * @param offset   how many matching clients (in id order) to skip
 * @param limit    most clients to describe; empty = all
 */
record ClientQuery(String q, Optional<String> standing, int offset, Optional<Integer> limit) {
    static final int MAX_LIMIT = 500;
    private static final Set<String> STANDINGS = Set.of("accepted", "retired", "unlisted");

    /** Reads the query; 400 naming the parameter for anything else than described above. */
    static ClientQuery of(ServerRequest req) {
        String q = single(req, "q").orElse("");
        if (q.length() > 128 || !q.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw bad("q must be at most 128 printable ASCII characters.");
        }
        Optional<String> standing = single(req, "standing");
        if (standing.isPresent() && !STANDINGS.contains(standing.get())) {
            throw bad("standing must be accepted, retired or unlisted.");
        }
        int offset = single(req, "offset").map(v -> number(v, "offset", 0, 100_000_000)).orElse(0);
        Optional<Integer> limit = single(req, "limit").map(v -> number(v, "limit", 1, MAX_LIMIT));
        return new ClientQuery(q.toLowerCase(Locale.ROOT), standing, offset, limit);
    }

    boolean matches(String clientId, String clientStanding) {
        return (q.isEmpty() || clientId.toLowerCase(Locale.ROOT).contains(q))
                && standing.map(clientStanding::equals).orElse(true);
    }

    private static Optional<String> single(ServerRequest req, String name) {
        List<String> values = req.query().all(name, List::of);
        if (values.size() > 1) {
            throw bad(name + " may be given once.");
        }
        return values.stream().findFirst();
    }

    private static int number(String value, String name, int min, int max) {
        if (value.matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw bad(name + " must be an integer from " + min + " to " + max + ".");
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }
}
