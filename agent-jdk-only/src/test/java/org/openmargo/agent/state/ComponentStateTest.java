package org.openmargo.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ComponentStateTest {

    @Test
    void mostSevere_eachPair_followsFailedRemovingInstallingPendingInstalledRemoved() {
        List<ComponentState> order = List.of(ComponentState.FAILED, ComponentState.REMOVING, ComponentState.INSTALLING,
                ComponentState.PENDING, ComponentState.INSTALLED, ComponentState.REMOVED);
        for (int i = 0; i < order.size(); i++) {
            for (int j = i; j < order.size(); j++) {
                assertThat(ComponentState.mostSevere(List.of(order.get(j), order.get(i)))).isEqualTo(order.get(i));
            }
        }
    }

    @Test
    void mostSevere_empty_isRejected() {
        assertThatThrownBy(() -> ComponentState.mostSevere(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofWireName_eachState_roundTrips() {
        for (ComponentState state : ComponentState.values()) {
            assertThat(ComponentState.ofWireName(state.wireName())).isEqualTo(state);
        }
        assertThat(ComponentState.INSTALLING.wireName()).isEqualTo("installing");
    }
}
