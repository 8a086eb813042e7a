package org.openmargo.wfm.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.JsonValue;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.Catalogue;
import org.openmargo.wfm.catalogue.DeviceFacts;
import org.openmargo.wfm.catalogue.Placement;
import org.openmargo.wfm.catalogue.ProfileChoice;
import org.openmargo.wfm.catalogue.ResolvedParameters;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * What a fleet deployment would target, without creating anything: the registered devices its {@link Selector}
 * matches now (device labels as the {@link Reconciler} sees them) and, when an application version is given, how many
 * of those the catalogue could place (the same render the reconciler runs). Reads only; thread safe.
 *
 * <p>Cost: one read of the operator labels, one read of each client's devices, and one (pure) render per matching
 * device when a version is given. Sticky members of an existing fleet deployment are not considered.
 */
public final class FleetPreview {
    /** At most this many not-placeable devices are listed; the count covers them all. */
    public static final int MAX_LISTED = 20;

    private final FleetRows rows;
    private final DeviceStore devices;
    private final Catalogue catalogue;

    public FleetPreview(FleetRows rows, DeviceStore devices, Catalogue catalogue) {
        this.rows = rows;
        this.devices = devices;
        this.catalogue = catalogue;
    }

    /**
     * @param selector   the target
     * @param app        the version to check placeability for; empty for the count only
     * @param profileId  a fixed profile, or empty for the first profile whose type the device supports
     * @param parameters values by parameter name, as a fleet deployment would carry them
     */
    public record Request(Selector selector, Optional<AppVersion> app, Optional<String> profileId,
                          Map<String, JsonValue> parameters) {
    }

    /**
     * @param clientId a client whose device matches but cannot run the version
     * @param deviceId that device
     * @param reason   why, as the catalogue says
     */
    public record NotPlaceable(String clientId, String deviceId, String reason) {
    }

    /**
     * @param devices            registered devices looked at
     * @param matching           devices the selector matches
     * @param matchingClients    clients with at least one matching device
     * @param placeable          matching devices the version can be placed on; empty without a version, or when the
     *                           parameters do not resolve
     * @param notPlaceableCount  matching devices it cannot be placed on (0 when {@code placeable} is empty)
     * @param notPlaceable       the first {@value #MAX_LISTED} of those, ordered by client then device
     * @param parameterErrors    why the parameters do not resolve (then nothing was rendered); empty when they do
     */
    public record Result(int devices, int matching, int matchingClients, Optional<Integer> placeable,
                         int notPlaceableCount, List<NotPlaceable> notPlaceable, List<FieldError> parameterErrors) {
    }

    /**
     * @throws ProblemException 422 when the version is not in the catalogue or the profile is not one of its profiles
     */
    public Result preview(Request request) {
        Optional<ResolvedParameters> resolved = Optional.empty();
        List<FieldError> parameterErrors = List.of();
        if (request.app().isPresent()) {
            AppVersion app = request.app().get();
            if (!catalogue.exists(app)) {
                throw new ProblemException(ProblemType.SEMANTIC_ERROR, "application version " + app
                        + " is not in the catalogue", List.of(new FieldError("version", "not imported")));
            }
            request.profileId().ifPresent(p -> {
                if (!catalogue.profileIds(app).orElse(List.of()).contains(p)) {
                    throw new ProblemException(ProblemType.SEMANTIC_ERROR, "profile " + p + " is not a "
                            + "deployment profile of " + app, List.of(new FieldError("profile", "no such profile")));
                }
            });
            try {
                resolved = Optional.of(catalogue.resolve(app, request.parameters(), Map.of()));
            } catch (ProblemException e) {
                parameterErrors = e.errors().isEmpty() ? List.of(new FieldError("parameters", e.detail()))
                        : e.errors();
            }
        }
        ProfileChoice choice = request.profileId().<ProfileChoice>map(ProfileChoice.ById::new)
                .orElseGet(ProfileChoice.AnySupported::new);
        Map<String, Map<String, String>> labels = rows.allLabels();
        int seen = 0;
        int matching = 0;
        int clients = 0;
        int placeable = 0;
        int notPlaceableCount = 0;
        List<NotPlaceable> listed = new ArrayList<>();
        for (String clientId : devices.clients().stream().sorted().toList()) {
            boolean clientMatches = false;
            for (DeviceStore.Device device : devices.devices(clientId)) {
                seen++;
                if (!request.selector().matches(clientId,
                        DeviceLabels.of(device.capabilities(), labels.getOrDefault(clientId, Map.of())))) {
                    continue;
                }
                matching++;
                clientMatches = true;
                if (resolved.isEmpty()) {
                    continue;
                }
                Optional<String> reason = reason(request.app().get(), choice, resolved.get(), clientId, device);
                if (reason.isEmpty()) {
                    placeable++;
                } else {
                    notPlaceableCount++;
                    if (listed.size() < MAX_LISTED) {
                        listed.add(new NotPlaceable(clientId, device.deviceId(), reason.get()));
                    }
                }
            }
            clients += clientMatches ? 1 : 0;
        }
        return new Result(seen, matching, clients, resolved.isPresent()
                ? Optional.of(placeable) : Optional.empty(), notPlaceableCount, listed, parameterErrors);
    }

    /** Why the version cannot be placed on the device; empty when it can. */
    private Optional<String> reason(AppVersion app, ProfileChoice choice, ResolvedParameters parameters,
                                    String clientId, DeviceStore.Device device) {
        try {
            return switch (catalogue.render(app, choice, parameters, new DeviceFacts(clientId, device.deviceId(),
                    Optional.of(device.capabilities())), UUID.randomUUID(), "default", "preview")) {
                case Placement.Placed p -> Optional.empty();
                case Placement.NotPlaceable n -> Optional.of(n.reason());
            };
        } catch (ProblemException e) {
            return Optional.of(e.detail());
        }
    }
}
