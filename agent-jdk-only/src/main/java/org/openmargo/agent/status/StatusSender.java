package org.openmargo.agent.status;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

import org.openmargo.agent.transport.RetryHint;
import org.openmargo.agent.transport.WfmResponse;

/**
 * The step that sends the outbox's due reports through a {@link StatusPort}. It never sleeps: it sends what is due,
 * oldest first, stops at the first report that could not be delivered and returns a {@link SendOutcome}.
 *
 * <p>Answers (digest d.5): any 2xx is delivered; 400 and 422 are permanent refusals, logged and dropped; every other
 * status (429, 5xx, 401/403 during a certificate rotation, …) and every {@link IOException} leave the report pending,
 * with the answer's {@link RetryHint} ({@code Retry-After}, {@code retryable}, {@code backoffStrategy}) for the
 * scheduler.
 *
 * <p>Thread safety: run by one scheduler task at a time; the outbox may be fed concurrently.
 */
public final class StatusSender {
    /** Each deployment holds at most a held failure and a latest report, so two passes empty an idle outbox. */
    private static final int PASSES = 2;

    private final StatusOutbox outbox;
    private final StatusPort port;
    private final Clock clock;

    /** @param clock for {@code Retry-After} dates */
    public StatusSender(StatusOutbox outbox, StatusPort port, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.port = Objects.requireNonNull(port, "port");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends every due report once (a held failure and the report after it both go in this run). */
    public SendOutcome sendDue() {
        int[] counts = new int[2];
        for (int pass = 0; pass < PASSES; pass++) {
            for (PendingReport report : outbox.due()) {
                SendOutcome stop = send(report, counts);
                if (stop != null) {
                    return stop;
                }
            }
        }
        int remaining = outbox.due().size();
        return remaining == 0 ? new SendOutcome.AllDelivered(counts[0], counts[1])
                : new SendOutcome.Pending(remaining, "new reports arrived while sending");
    }

    /** Sends one report; returns the outcome that ends the run, or {@code null} to go on with the next report. */
    private SendOutcome send(PendingReport report, int[] counts) {
        WfmResponse answer;
        try {
            answer = port.post(report.deploymentId(), report.json());
        } catch (IOException e) {
            return new SendOutcome.Pending(outbox.due().size(), "transport: " + e.getMessage());
        }
        int status = answer.status();
        boolean accepted = status >= 200 && status < 300;
        if (!accepted && status != 400 && status != 422) {
            return new SendOutcome.Pending(outbox.due().size(), "HTTP " + status, RetryHint.of(answer, clock));
        }
        try {
            if (accepted) {
                outbox.delivered(report.deploymentId(), report.seq());
                counts[0]++;
            } else {
                outbox.dropped(report.deploymentId(), report.seq(), "HTTP " + status);
                counts[1]++;
            }
            return null;
        } catch (IOException e) {
            return new SendOutcome.Failed(e);
        }
    }
}
