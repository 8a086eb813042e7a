package org.openmargo.wfm.device;

import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.transaction.Transactions;

/**
 * {@link DeviceStore}'s rules over {@link DeviceRows}, each change in one transaction. Listeners registered with
 * {@link #onChange} hear of each committed put or delete (the fleet layer recomputes membership from the new labels).
 */
public final class DeviceService implements DeviceStore {
    private final Transactions transactions;
    private final DeviceRows rows;
    private final java.util.List<java.util.function.Consumer<String>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public DeviceService(Transactions transactions, DeviceRows rows) {
        this.transactions = transactions;
        this.rows = rows;
    }

    @Override
    public boolean put(String clientId, Capabilities capabilities) {
        return transactions.inTransaction("storing device capabilities", () -> {
            Optional<String> parent = capabilities.parentId();
            if (parent.isPresent() && !rows.lock(clientId, parent.get())) {
                throw new ProblemException(ProblemType.GATEWAY_NOT_FOUND,
                        "no gateway device " + parent.get() + " is registered");
            }
            notifyAfterCommit(clientId);
            if (rows.replace(clientId, capabilities)) {
                return false;
            }
            // A concurrent first put of the same id makes this insert fail with a unique violation; the transaction
            // reruns the whole put, which then replaces.
            rows.insert(clientId, capabilities);
            return true;
        });
    }

    @Override
    public void delete(String clientId, String deviceId) {
        transactions.inTransaction("deleting a device", () -> {
            if (!rows.delete(clientId, deviceId)) {
                throw new ProblemException(ProblemType.DEVICE_NOT_FOUND, "no device " + deviceId + " is registered");
            }
            notifyAfterCommit(clientId);
            return null;
        });
    }

    @Override
    public void onChange(java.util.function.Consumer<String> listener) {
        listeners.add(listener);
    }

    private void notifyAfterCommit(String clientId) {
        transactions.afterCommit(() -> listeners.forEach(l -> l.accept(clientId)));
    }

    @Override
    public List<Device> devices(String clientId) {
        return rows.devices(clientId);
    }

    @Override
    public List<String> clients() {
        return rows.clients();
    }
}
