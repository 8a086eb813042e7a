package org.openmargo.wfm.httpcommon;

import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** HTTP content negotiation and conditional request rules of RFC 9110 that the device API needs. */
public final class Conditional {
    private Conditional() {
    }

    /**
     * Whether {@code If-None-Match} matches the current entity tag (weak comparison, as RFC 9110 13.1.2 requires for
     * this header; {@code *} matches any existing representation). Headers may be repeated and comma-separated.
     */
    public static boolean noneMatchHits(ServerRequest req, String currentEtag) {
        if (!req.headers().contains(HeaderNames.IF_NONE_MATCH)) {
            return false;
        }
        for (String header : req.headers().all(HeaderNames.IF_NONE_MATCH, java.util.List::of)) {
            for (String tag : header.split(",")) {
                String t = tag.trim();
                if (t.equals("*")) {
                    return true;
                }
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                if (t.equals(currentEtag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the {@code Accept} header admits the given media type (RFC 9110 12.5.1). The most specific range that
     * matches decides ({@code type/subtype} over {@code type/*} over {@code *}{@code /*}); a weight of 0 refuses.
     * Malformed ranges are ignored, and a header with no well-formed range at all is disregarded as RFC 9110 12.5.1
     * allows, so it admits every type, like a request without the header. Parsing never throws.
     */
    public static boolean accepts(ServerRequest req, String mediaType) {
        if (!req.headers().contains(HeaderNames.ACCEPT)) {
            return true;
        }
        String wanted = mediaType.toLowerCase(Locale.ROOT);
        int bestSpecificity = 0;
        int bestQuality = 0;
        boolean anyRange = false;
        for (String header : req.headers().all(HeaderNames.ACCEPT, java.util.List::of)) {
            for (MediaRange range : MediaRange.parseAll(header)) {
                anyRange = true;
                int specificity = range.specificity(wanted);
                if (specificity > bestSpecificity
                        || specificity == bestSpecificity && range.qualityMillis() > bestQuality) {
                    bestSpecificity = specificity;
                    bestQuality = range.qualityMillis();
                }
            }
        }
        return !anyRange || bestSpecificity > 0 && bestQuality > 0;
    }
}
