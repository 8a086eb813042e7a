package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.device.DeviceStore.Device;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** The behaviour of {@link DeviceStore} that every backend must show. */
abstract class DeviceStoreContract extends StoreContract {

    DeviceStore store() {
        return db().database.devices();
    }

    static Capabilities caps(String id, String json) {
        return new Capabilities(id, true, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void put_newRootDevice_trueAndListedWithTime() {
        boolean created = store().put(client("a"), caps("gw1", "{\"v\":1}"));

        assertThat(created).isTrue();
        assertThat(store().devices(client("a"))).singleElement().satisfies(d -> {
            assertThat(d.deviceId()).isEqualTo("gw1");
            assertThat(d.capabilities()).isEqualTo("{\"v\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(d.updatedAt()).isEqualTo(Instant.parse("2026-11-05T10:15:30.123456Z"));
        });
    }

    @Test
    void put_existingDevice_falseAndFullyReplaced() {
        store().put(client("a"), caps("gw1", "{\"v\":1,\"extra\":true}"));
        db().clock.set(Instant.parse("2026-11-06T00:00:00Z"));

        boolean created = store().put(client("a"), caps("gw1", "{\"v\":2}"));

        assertThat(created).isFalse();
        assertThat(store().devices(client("a"))).singleElement().satisfies(d -> {
            assertThat(d.capabilities()).isEqualTo("{\"v\":2}".getBytes(StandardCharsets.UTF_8));
            assertThat(d.updatedAt()).isEqualTo(Instant.parse("2026-11-06T00:00:00Z"));
        });
    }

    @Test
    void put_childWithoutParent_gatewayNotFoundAndNothingStored() {
        assertThatThrownBy(() -> store().put(client("a"), caps("gw1/devA", "{}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.GATEWAY_NOT_FOUND);
                    assertThat(e.detail()).isEqualTo("no gateway device gw1 is registered");
                });
        assertThat(store().devices(client("a"))).isEmpty();
    }

    @Test
    void put_childOfOtherClientsGateway_gatewayNotFound() {
        store().put(client("a"), caps("gw1", "{}"));

        assertThatThrownBy(() -> store().put(client("b"), caps("gw1/devA", "{}")))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.GATEWAY_NOT_FOUND));
    }

    @Test
    void put_childWithParent_createdAndListedInIdOrder() {
        store().put(client("a"), caps("gw1", "{}"));
        store().put(client("a"), caps("gw1/devB", "{}"));
        store().put(client("a"), caps("gw1/devA", "{}"));
        store().put(client("a"), caps("gw1/devA/sensor", "{}"));

        assertThat(store().devices(client("a"))).extracting(Device::deviceId)
                .containsExactly("gw1", "gw1/devA", "gw1/devA/sensor", "gw1/devB");
    }

    @Test
    void delete_gateway_removesEveryDeviceBelowIt() {
        store().put(client("a"), caps("gw1", "{}"));
        store().put(client("a"), caps("gw1/devA", "{}"));
        store().put(client("a"), caps("gw1/devA/sensor", "{}"));
        store().put(client("a"), caps("gw2", "{}"));
        store().put(client("a"), caps("gw2/devA", "{}"));

        store().delete(client("a"), "gw1");

        assertThat(store().devices(client("a"))).extracting(Device::deviceId).containsExactly("gw2", "gw2/devA");
    }

    @Test
    void delete_child_keepsParent() {
        store().put(client("a"), caps("gw1", "{}"));
        store().put(client("a"), caps("gw1/devA", "{}"));

        store().delete(client("a"), "gw1/devA");

        assertThat(store().devices(client("a"))).extracting(Device::deviceId).containsExactly("gw1");
    }

    @Test
    void delete_unknownDevice_deviceNotFound() {
        assertThatThrownBy(() -> store().delete(client("a"), "ghost"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.DEVICE_NOT_FOUND);
                    assertThat(e.detail()).isEqualTo("no device ghost is registered");
                });
    }

    @Test
    void delete_otherClientsDevice_deviceNotFoundAndKept() {
        store().put(client("a"), caps("gw1", "{}"));

        assertThatThrownBy(() -> store().delete(client("b"), "gw1"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.DEVICE_NOT_FOUND));
        assertThat(store().devices(client("a"))).extracting(Device::deviceId).containsExactly("gw1");
    }

    @Test
    void devices_sameIdUnderTwoClients_separate() {
        store().put(client("a"), caps("gw1", "{\"a\":1}"));
        store().put(client("b"), caps("gw1", "{\"b\":1}"));

        assertThat(store().devices(client("b"))).singleElement().satisfies(
                d -> assertThat(d.capabilities()).isEqualTo("{\"b\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void clients_afterPuts_listsClientsWithDevicesOrdered() {
        store().put(client("z"), caps("gw1", "{}"));
        store().put(client("z"), caps("gw2", "{}"));
        store().put(client("k"), caps("gw1", "{}"));

        assertThat(store().clients().stream().filter(c -> c.startsWith(prefix)))
                .containsExactly(client("k"), client("z"));
    }
}
