package org.openmargo.agent.renewal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;

/**
 * Keeps the SVID the running agent presents current; the agent's renewal step calls {@link #check()}:
 * <ol>
 *   <li>When the identity files changed on disk (an operator ran {@code agent import-svid}), the new pair is loaded
 *       and the client rebuilt with it; a pair that does not load is logged and the current SVID stays.</li>
 *   <li>When the next attempt is due ({@link RenewalSchedule}), one {@link Renewal} attempt; its outcome decides the
 *       next one. A 404 is logged as a WARNING once, a 403 as SEVERE each time; other failures as WARNING.</li>
 * </ol>
 * Never throws and never sleeps, so renewal trouble cannot stop polling or status reporting. Not thread safe: the
 * agent loop calls it from its one thread.
 */
public final class SvidKeeper {
    private static final Logger LOG = Logger.getLogger(SvidKeeper.class.getName());

    private final WfmClient client;
    private final IdentityFiles files;
    private final Renewal renewal;
    private final Clock clock;
    private final Supplier<Backoff> backoff;
    private Optional<String> stamp;
    private Instant nextAttempt;
    private int failures;
    private boolean warnedNotOffered;

    public SvidKeeper(WfmClient client, IdentityFiles files, Renewal renewal, Clock clock, Supplier<Backoff> backoff) {
        this.client = client;
        this.files = files;
        this.renewal = renewal;
        this.clock = clock;
        this.backoff = backoff;
        this.stamp = files.stamp();
        this.nextAttempt = RenewalSchedule.renewAt(client.svid());
    }

    /** When the next renewal attempt is due. */
    public Instant nextAttempt() {
        return nextAttempt;
    }

    /** Picks up a replaced SVID, then renews when due. */
    public void check() {
        try {
            pickUpReplacement();
            if (!clock.instant().isBefore(nextAttempt)) {
                renew();
            }
        } catch (RuntimeException e) {
            failures++;
            nextAttempt = clock.instant().plus(backoff.get().delay(failures));
            LOG.log(Level.WARNING, "SVID renewal step failed; next attempt at " + nextAttempt, e);
        }
    }

    private void pickUpReplacement() {
        Optional<String> now = files.stamp();
        if (now.isEmpty() || now.equals(stamp)) {
            return;
        }
        stamp = now;
        Svid loaded;
        try {
            loaded = files.load();
        } catch (IOException e) {
            LOG.warning("the identity files changed but cannot be used; keeping " + client.svid().spiffeId()
                    + " until they are fixed: " + e.getMessage());
            return;
        }
        if (loaded.leaf().equals(client.svid().leaf())) {
            return;
        }
        try {
            client.rebuild(loaded);
        } catch (IllegalArgumentException e) {
            LOG.severe("the identity files now hold " + loaded.spiffeId() + ", which belongs to another WFM; "
                    + "restart the agent to use it: " + e.getMessage());
            return;
        }
        failures = 0;
        nextAttempt = RenewalSchedule.renewAt(loaded);
        LOG.info("now presenting the replaced SVID " + loaded.spiffeId() + " valid until " + loaded.notAfter()
                + "; renewal at " + nextAttempt);
    }

    private void renew() {
        RenewalOutcome outcome = renewal.attempt();
        failures = outcome instanceof RenewalOutcome.Renewed ? 0 : failures + 1;
        Instant now = clock.instant();
        nextAttempt = RenewalSchedule.next(outcome, failures, now, backoff.get());
        Svid svid = client.svid();
        switch (outcome) {
            case RenewalOutcome.Renewed r -> {
                stamp = files.stamp();
                warnedNotOffered = false;
                LOG.info("renewed the SVID " + r.svid().spiffeId() + ", valid until " + r.svid().notAfter()
                        + "; next renewal at " + nextAttempt);
            }
            case RenewalOutcome.NotOffered n -> {
                Level level = warnedNotOffered ? Level.FINE : Level.WARNING;
                warnedNotOffered = true;
                LOG.log(level, "the WFM does not renew SVIDs (404: an external identity service issues them); renew "
                        + svid.spiffeId() + " out of band before " + svid.notAfter() + "; asking again at "
                        + nextAttempt);
            }
            case RenewalOutcome.Refused r -> LOG.severe("the WFM refused to renew " + svid.spiffeId() + " (" + r.reason()
                    + "): the client may be retired; next attempt at " + nextAttempt);
            case RenewalOutcome.Failed f -> LOG.warning("SVID renewal failed: " + f.reason() + "; next attempt at "
                    + nextAttempt + " (the SVID is valid until " + svid.notAfter() + ")");
        }
    }
}
