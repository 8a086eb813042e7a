package org.openmargo.agent.faults;

import java.util.Map;

/** What the {@link FaultServer} does with one request. */
sealed interface Reply {
    /**
     * A complete answer.
     *
     * @param body empty for none
     */
    record Answer(int status, Map<String, String> headers, byte[] body) implements Reply {
    }

    /** The head of {@code whole} with its full Content-Length, then only {@code sent} bytes of the body and a close. */
    record Cut(Answer whole, int sent) implements Reply {
    }

    /** The connection is closed without an answer, as a WFM that went away would. */
    record Drop() implements Reply {
    }

    static Answer status(int status, Map<String, String> headers) {
        return new Answer(status, headers, new byte[0]);
    }

    static Answer ok(String contentType, byte[] body) {
        return new Answer(200, Map.of("Content-Type", contentType), body);
    }
}
