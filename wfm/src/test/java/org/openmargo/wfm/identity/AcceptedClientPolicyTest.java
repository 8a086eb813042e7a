package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AcceptedClientPolicyTest {
    private final InMemoryClientRegistry registry = new InMemoryClientRegistry();

    @Test
    void decide_accepted_isAllowed() {
        registry.accept("a");

        assertThat(new AcceptedClientPolicy(registry, false).decide("a")).isEqualTo(AcceptedClientPolicy.Decision.ACCEPTED);
    }

    @Test
    void decide_retired_isRefusedEvenWithNamespace() {
        registry.retire("a");

        AcceptedClientPolicy.Decision decision = new AcceptedClientPolicy(registry, true).decide("a");

        assertThat(decision).isEqualTo(AcceptedClientPolicy.Decision.RETIRED);
        assertThat(decision.allowed()).isFalse();
    }

    @Test
    void decide_unknownWithoutNamespace_isRefused() {
        assertThat(new AcceptedClientPolicy(registry, false).decide("x").allowed()).isFalse();
    }

    @Test
    void decide_unknownWithNamespace_isAllowed() {
        assertThat(new AcceptedClientPolicy(registry, true).decide("x"))
                .isEqualTo(AcceptedClientPolicy.Decision.NAMESPACE);
    }

    @Test
    void retire_writesThroughAndAppliesImmediately() {
        registry.accept("a");
        AcceptedClientPolicy policy = new AcceptedClientPolicy(registry, false);

        policy.retire("a");

        assertThat(policy.decide("a")).isEqualTo(AcceptedClientPolicy.Decision.RETIRED);
        assertThat(registry.entries()).singleElement()
                .satisfies(e -> assertThat(e.standing()).isEqualTo(ClientRegistry.Standing.RETIRED));
    }

    @Test
    void accept_writesThroughAndAppliesImmediately() {
        AcceptedClientPolicy policy = new AcceptedClientPolicy(registry, false);

        policy.accept("b");

        assertThat(policy.decide("b")).isEqualTo(AcceptedClientPolicy.Decision.ACCEPTED);
        assertThat(registry.entries()).extracting(ClientRegistry.Entry::clientId).containsExactly("b");
    }

    @Test
    void decide_registryChangedElsewhere_seenOnlyAfterRefresh() {
        AcceptedClientPolicy policy = new AcceptedClientPolicy(registry, false);
        registry.accept("c");

        assertThat(policy.decide("c")).isEqualTo(AcceptedClientPolicy.Decision.UNKNOWN);
        policy.refresh();
        assertThat(policy.decide("c")).isEqualTo(AcceptedClientPolicy.Decision.ACCEPTED);
    }

    @Test
    void accept_invalidId_failsWithoutWriting() {
        AcceptedClientPolicy policy = new AcceptedClientPolicy(registry, false);

        assertThatThrownBy(() -> policy.accept("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.entries()).isEmpty();
    }
}
