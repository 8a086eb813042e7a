package org.openmargo.wfm.operatorapi;

import java.util.regex.Pattern;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.openmargo.wfm.httpcommon.Problems;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Refuses, with 400, every operator request whose raw path holds anything but RFC 3986 unreserved characters and
 * {@code /}. Every literal segment and every id of the operator API is made of those, so nothing is lost; what is
 * refused is what Helidon would otherwise rewrite before routing: a {@code ;} starts matrix parameters that it strips
 * from the path parameter ({@code clients/a;DROP/accept} would accept client {@code a}), and percent-encoding is
 * decoded. After this filter, a path parameter is exactly the text the client sent.
 */
final class OperatorPathFilter implements Filter {
    private static final Pattern RAW_PATH = Pattern.compile("[A-Za-z0-9._~/-]*");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!RAW_PATH.matcher(req.path().rawPath()).matches()) {
            Problems.send(req, res, new ProblemException(ProblemType.BAD_REQUEST,
                    "An operator path holds only RFC 3986 unreserved characters and '/': no ';' parameters and no "
                            + "percent-encoding."));
            return;
        }
        chain.proceed();
    }
}
