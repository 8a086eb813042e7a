package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.device.CapabilitiesValidator;
import org.openmargo.wfm.device.HostingSupport;
import org.openmargo.wfm.eligibility.Eligibility;
import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.transaction.Transactions;

/**
 * {@link Catalogue} and {@link Applications} over {@link CatalogueRows}.
 *
 * <p>Parsed descriptions are cached by version and SHA-256; every use reads the version's SHA-256 first (one primary
 * key lookup, joining the caller's transaction), so a version deleted and imported again with other bytes, possibly
 * by another WFM instance on the same database, is never rendered from stale bytes. Thread safe.
 */
public final class CatalogueService implements Catalogue, Applications {
    private final Transactions transactions;
    private final CatalogueRows rows;
    private final Clock clock;
    private final Map<AppVersion, Cached> parsed = new ConcurrentHashMap<>();

    public CatalogueService(Transactions transactions, CatalogueRows rows, Clock clock) {
        this.transactions = transactions;
        this.rows = rows;
        this.clock = clock;
    }

    private record Cached(String sha256, Description description) {
    }

    @Override
    public AppVersion validate(byte[] yaml) {
        return DescriptionReader.read(yaml).app();
    }

    @Override
    public Imported importDescription(byte[] yaml, String operator) {
        Description d = DescriptionReader.read(yaml);
        String sha256 = Digest.sha256(yaml).value().substring("sha256:".length());
        return transactions.inTransaction("importing an application description", () -> {
            Optional<String> existing = rows.sha256(d.app());
            if (existing.isPresent()) {
                if (!existing.get().equals(sha256)) {
                    throw new ProblemException(ProblemType.CONFLICT, d.app() + " was imported with other bytes; "
                            + "a version is immutable: give the changed description a new metadata.version");
                }
                return new Imported(rows.version(d.app()).orElseThrow(), false);
            }
            VersionInfo info = new VersionInfo(d.app(), d.name(), sha256, yaml.length,
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), operator);
            rows.insert(info, yaml.clone());
            return new Imported(info, true);
        });
    }

    @Override
    public List<VersionInfo> versions() {
        return rows.versions();
    }

    @Override
    public Optional<Shown> show(AppVersion app) {
        return rows.version(app).flatMap(info -> load(app).map(d -> new Shown(info,
                JsonTree.json(d.tree().get("deploymentProfiles")),
                JsonTree.json(d.tree().getOrDefault("parameters", Map.of())),
                d.tree().containsKey("configuration") ? JsonTree.json(d.tree().get("configuration"))
                        : JsonValue.NULL)));
    }

    @Override
    public Optional<byte[]> descriptionBytes(AppVersion app) {
        return rows.description(app);
    }

    @Override
    public void delete(AppVersion app) {
        transactions.inTransaction("deleting an application version", () -> {
            switch (rows.delete(app)) {
                case DELETED -> transactions.afterCommit(() -> parsed.remove(app));
                case ABSENT -> throw notFound(app);
                case IN_USE -> throw new ProblemException(ProblemType.CONFLICT, app + " is used by a deployment or "
                        + "a rollout; remove those first");
            }
            return null;
        });
    }

    @Override
    public boolean exists(AppVersion app) {
        return rows.sha256(app).isPresent();
    }

    @Override
    public Optional<List<String>> profileIds(AppVersion app) {
        return load(app).map(d -> d.profiles().stream().map(Description.Profile::id).toList());
    }

    @Override
    public ResolvedParameters resolve(AppVersion app, Map<String, JsonValue> supplied,
                                      Map<String, JsonValue> installedBefore) {
        return ParameterResolver.resolve(load(app).orElseThrow(() -> notFound(app)), supplied, installedBefore);
    }

    @Override
    public Placement render(AppVersion app, ProfileChoice choice, ResolvedParameters parameters, DeviceFacts device,
                            UUID deploymentId, String namespace, String name) {
        Description d = load(app).orElseThrow(() -> notFound(app));
        if (device.capabilities().isEmpty()) {
            return new Placement.NotPlaceable("the device has not reported its capabilities");
        }
        Map<String, Object> capabilities;
        try {
            capabilities = JsonBody.parseObject(device.capabilities().get(), CapabilitiesValidator.MAX_BYTES);
        } catch (ProblemException e) {
            return new Placement.NotPlaceable("its capabilities cannot be read: " + e.detail());
        }
        Optional<HostingSupport> support = HostingSupport.of(device.capabilities().get());
        if (support.isEmpty()) {
            return new Placement.NotPlaceable("the device reports no hosting fields: it hosts no workloads");
        }
        List<Description.Profile> candidates = switch (choice) {
            case ProfileChoice.ById byId -> d.profile(byId.profileId()).map(List::of).orElse(List.of());
            case ProfileChoice.AnySupported any -> d.profiles();
        };
        if (candidates.isEmpty()) {
            return new Placement.NotPlaceable(app + " has no profile " + ((ProfileChoice.ById) choice).profileId());
        }
        List<String> reasons = new ArrayList<>();
        for (Description.Profile profile : candidates) {
            Optional<String> unmet = unmet(profile, support.get(), capabilities);
            if (unmet.isEmpty()) {
                return new Placement.Placed(profile.id(), Renderer.render(d, profile, parameters, device.deviceId(),
                        deploymentId, namespace, name));
            }
            reasons.add("profile " + profile.id() + ": " + unmet.get());
        }
        return new Placement.NotPlaceable(String.join("; ", reasons));
    }

    /** Why the device cannot take this profile: type first, then capacity and rules; empty when it can. */
    private static Optional<String> unmet(Description.Profile profile, HostingSupport support,
                                          Map<String, Object> capabilities) {
        if (!support.supportedDeploymentTypes().contains(profile.type())) {
            return Optional.of("type " + profile.type() + " is not in the device's supportedDeploymentTypes "
                    + support.supportedDeploymentTypes());
        }
        if (profile.deviceConstraints().isPresent()) {
            return Eligibility.unmet(profile.deviceConstraints().get(), capabilities);
        }
        return profile.requiredResources().flatMap(r -> Eligibility.unmetResources(r, capabilities));
    }

    /** The parsed description of a version, from the cache when its bytes are unchanged. */
    private Optional<Description> load(AppVersion app) {
        Optional<String> sha256 = rows.sha256(app);
        if (sha256.isEmpty()) {
            return Optional.empty();
        }
        Cached cached = parsed.get(app);
        if (cached != null && cached.sha256().equals(sha256.get())) {
            return Optional.of(cached.description());
        }
        Optional<byte[]> bytes = rows.description(app);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Description d = DescriptionReader.read(bytes.get());
        parsed.put(app, new Cached(Digest.sha256(bytes.get()).value().substring("sha256:".length()), d));
        return Optional.of(d);
    }

    private static ProblemException notFound(AppVersion app) {
        return new ProblemException(ProblemType.NOT_FOUND, "no application version " + app + " in the catalogue");
    }
}
