package org.openmargo.agent.status;

import java.io.IOException;

/**
 * Receives every status change of every deployment, in the order they happen. {@link StatusOutbox} is the production
 * sink: it persists the report before returning.
 */
@FunctionalInterface
public interface StatusSink {

    /**
     * Takes a report. When this returns normally the report is durable (or deliberately coalesced away).
     *
     * @throws IOException if the report could not be persisted; the caller must stop and retry later
     */
    void report(StatusReport report) throws IOException;
}
