package org.openmargo.agent.cycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

import org.openmargo.agent.runtime.ReconcileOutcome;
import org.openmargo.agent.runtime.Reconciler;
import org.openmargo.agent.schedule.Next;

/**
 * Reconcile and observe (spec c.7 step 10): runs with every pass that talks to the WFM, and on its own every
 * {@link #REOBSERVE} while deployments are still converging ({@code wait: false} components {@code installing}), so
 * their final state is reported as soon as the runtime shows it rather than at the next poll.
 */
final class ReconcileStep implements Step {
    /** How often converging deployments are observed again. */
    static final Duration REOBSERVE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ReconcileStep.class.getName());

    private final Clock clock;
    private final Reconciler reconciler;
    private final SpecSource specs;
    private final PassState pass;

    ReconcileStep(Clock clock, Reconciler reconciler, SpecSource specs, PassState pass) {
        this.clock = clock;
        this.reconciler = reconciler;
        this.specs = specs;
        this.pass = pass;
    }

    @Override
    public String name() {
        return "reconcile";
    }

    @Override
    public boolean exchange() {
        return false;
    }

    @Override
    public Next initial(Instant start) {
        return new Next.WithPass();
    }

    @Override
    public Next run(Instant now, Next previous) {
        specs.use(pass.state);
        ReconcileOutcome outcome = reconciler.reconcile(pass.state);
        pass.state = switch (outcome) {
            case ReconcileOutcome.Converged c -> c.state();
            case ReconcileOutcome.Unsettled u -> u.state();
            case ReconcileOutcome.Degraded d -> {
                LOG.warning(() -> "deployments failed: " + d.deploymentIds());
                yield d.state();
            }
            case ReconcileOutcome.Stalled s -> {
                LOG.severe(() -> "reconcile stalled: " + s.reason());
                yield s.state();
            }
        };
        return outcome instanceof ReconcileOutcome.Unsettled ? new Next.At(clock.instant().plus(REOBSERVE))
                : new Next.WithPass();
    }
}
