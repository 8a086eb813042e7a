package org.openmargo.wfm.console;

import jakarta.json.JsonObject;

/** What the operator API answered one console call. */
sealed interface ApiAnswer {
    /** A 2xx with its JSON body ({@code {}} when it had none). */
    record Done(int status, JsonObject body) implements ApiAnswer {
    }

    /**
     * Anything else: the problem's title, detail and field errors ({@code errors[]}: field and message) as the API
     * wrote them (RFC 9457), or a description of why the API could not be reached.
     */
    record Refused(int status, String title, String detail, java.util.List<java.util.Map<String, Object>> errors)
            implements ApiAnswer {
        Refused(int status, String title, String detail) {
            this(status, title, detail, java.util.List.of());
        }

        /** Title and detail in one line, for a page. */
        String message() {
            return detail.isEmpty() ? title : title + ": " + detail;
        }
    }
}
