package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.StoreException;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.device.DeviceId;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.identity.ClientId;

/**
 * The columns hold the longest ids the edges accept (migration V4), and a database refusal that is not an outage is
 * never reported as one.
 */
abstract class LimitsAndFailuresContract extends StoreContract {

    /** A client id of exactly {@link ClientId#MAX_LENGTH} characters, unique to this test instance. */
    String longestClient() {
        return prefix + "c".repeat(ClientId.MAX_LENGTH - prefix.length());
    }

    @Test
    void devicePut_idsOfTheLongestAcceptedLength_storedAndListed() {
        String gateway = "g".repeat(500);
        String child = gateway + "/" + "d".repeat(DeviceId.MAX_LENGTH - 501);
        DeviceStore devices = db().database.devices();

        devices.put(longestClient(), new Capabilities(gateway, false, "{}".getBytes(StandardCharsets.UTF_8)));
        devices.put(longestClient(), new Capabilities(child, true, "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(child).hasSize(DeviceId.MAX_LENGTH);
        assertThat(devices.devices(longestClient())).extracting(DeviceStore.Device::deviceId)
                .containsExactly(gateway, child);
    }

    @Test
    void deploymentPut_longestDeviceIdAndNames_stored() {
        String id = UUID.randomUUID().toString();
        String name = "n".repeat(DeploymentValidator.MAX_NAME_LENGTH);
        ValidatedDeployment d = new ValidatedDeployment(id, "d".repeat(DeviceId.MAX_LENGTH), name, List.of(name),
                yaml(id, "1").getBytes(StandardCharsets.UTF_8));

        db().database.desiredState().put(longestClient(), d);

        assertThat(db().database.desiredState().deployments(longestClient())).singleElement().satisfies(r -> {
            assertThat(r.deviceId()).hasSize(DeviceId.MAX_LENGTH);
            assertThat(r.name()).isEqualTo(name);
            assertThat(r.componentNames()).containsExactly(name);
        });
    }

    @Test
    void devicePut_idLongerThanItsColumn_storeFailureThatIsNotAnOutage() {
        String tooLong = "d".repeat(DeviceId.MAX_LENGTH + 1);

        assertThatThrownBy(() -> db().database.devices().put(client("a"),
                new Capabilities(tooLong, true, "{}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.outage()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("storing device capabilities failed");
                });
        assertThat(db().database.devices().devices(client("a"))).isEmpty();
    }
}
