package org.openmargo.agent.helm;

import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.state.ComponentState;

/**
 * Reads the output of {@code helm status <release> -o json}: {@code info.status} decides the component state.
 * <ul>
 *   <li>{@code deployed}: INSTALLED;</li>
 *   <li>{@code pending-install}, {@code pending-upgrade}, {@code pending-rollback}: INSTALLING;</li>
 *   <li>{@code uninstalling}: REMOVING;</li>
 *   <li>{@code failed} and {@code unknown}: FAILED;</li>
 *   <li>{@code uninstalled} (kept history) and {@code superseded}: absent, as if helm did not know the release;</li>
 *   <li>output that is not such JSON: absent, so the caller keeps what it believed.</li>
 * </ul>
 */
final class ReleaseStatus {
    private ReleaseStatus() {
    }

    static Optional<ComponentState> parse(String statusJson) {
        try {
            if (!(Json.parse(statusJson) instanceof JsonObject release)) {
                return Optional.empty();
            }
            return release.object("info").flatMap(info -> info.string("status")).flatMap(ReleaseStatus::state);
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<ComponentState> state(String status) {
        return switch (status) {
            case "deployed" -> Optional.of(ComponentState.INSTALLED);
            case "pending-install", "pending-upgrade", "pending-rollback" -> Optional.of(ComponentState.INSTALLING);
            case "uninstalling" -> Optional.of(ComponentState.REMOVING);
            case "failed", "unknown" -> Optional.of(ComponentState.FAILED);
            default -> Optional.empty();
        };
    }
}
