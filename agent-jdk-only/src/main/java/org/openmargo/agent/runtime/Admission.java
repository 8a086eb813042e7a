package org.openmargo.agent.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

import org.openmargo.agent.eligibility.Eligibility;
import org.openmargo.agent.eligibility.Verdict;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.state.AgentState;

/** The eligibility gate in front of the runtime (digest f.2: the device MUST evaluate the rules before deploying). */
final class Admission {
    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

    /** Reads the capabilities document; an {@link IOException} stalls the run. */
    @FunctionalInterface
    interface Capabilities {
        JsonObject read() throws IOException;
    }

    private Admission() {
    }

    /** Why {@code spec} must not be applied on this device; empty if it may. Reads the capabilities only if needed. */
    static Optional<String> refusal(DeploymentSpec spec, Capabilities capabilities) throws IOException {
        if (spec.deviceConstraints().isEmpty()) {
            return Optional.empty();
        }
        return switch (Eligibility.evaluate(spec.deviceConstraints().get(), capabilities.read())) {
            case Verdict.Eligible e -> Optional.empty();
            case Verdict.Ineligible i -> {
                LOG.log(Level.WARNING, "deployment {0} ({1}) is not eligible on this device: {2}", spec.id(),
                        spec.name(), i.reason());
                yield Optional.of(i.reason());
            }
        };
    }

    /** Whether the applied state is an earlier refusal: every component failed as not eligible. */
    static boolean refused(AgentState.Applied have) {
        return have.components().stream().allMatch(c -> c.error()
                .filter(e -> e.code().equals(Reconciler.NOT_ELIGIBLE)).isPresent());
    }

    /** Whether the applied state is a refusal for exactly this reason, so it was reported already. */
    static boolean refused(AgentState.Applied have, String reason) {
        return have.components().stream().allMatch(c -> c.error()
                .filter(e -> e.code().equals(Reconciler.NOT_ELIGIBLE) && e.message().equals(reason)).isPresent());
    }
}
