package org.openmargo.wfm.http;

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
     * Whether the {@code Accept} header admits the given media type: no header at all, or a range that matches it
     * ({@code type/subtype}, {@code type/*} or {@code *}{@code /*}) with a non-zero quality.
     */
    static boolean accepts(ServerRequest req, String mediaType) {
        if (!req.headers().contains(HeaderNames.ACCEPT)) {
            return true;
        }
        String wanted = mediaType.toLowerCase(Locale.ROOT);
        String wantedMain = wanted.substring(0, wanted.indexOf('/'));
        for (String header : req.headers().all(HeaderNames.ACCEPT, java.util.List::of)) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";");
                String type = parts[0].trim().toLowerCase(Locale.ROOT);
                if (quality(parts) <= 0) {
                    continue;
                }
                if (type.equals(wanted) || type.equals("*/*") || type.equals(wantedMain + "/*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
