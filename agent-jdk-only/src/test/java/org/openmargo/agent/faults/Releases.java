package org.openmargo.agent.faults;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.openmargo.agent.faults.Release.Deployment;

/** The three versions the WFM moves through in {@link KillDuringApplyTest}: two components per deployment. */
final class Releases {
    private static final String[] IDS = {
        "a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002",
        "a0000000-0000-4000-8000-000000000003", "a0000000-0000-4000-8000-000000000004",
        "a0000000-0000-4000-8000-000000000005", "a0000000-0000-4000-8000-000000000006",
        "a0000000-0000-4000-8000-000000000007"};

    private Releases() {
    }

    /** v1: five deployments; v2: drops two, changes two, adds one; v3: changes one, adds one. */
    static List<Release> threeVersions() {
        Release one = Release.of(1, d(0, "1.0.0"), d(1, "1.0.0"), d(2, "1.0.0"), d(3, "1.0.0"), d(4, "1.0.0"));
        Release two = Release.of(2, d(2, "2.0.0"), d(3, "2.0.0"), d(4, "1.0.0"), d(5, "1.0.0"));
        Release three = Release.of(3, d(2, "2.0.0"), d(3, "3.0.0"), d(4, "1.0.0"), d(5, "1.0.0"), d(6, "1.0.0"));
        return List.of(one, two, three);
    }

    /** The deployments some release lists and the last one does not. */
    static Set<String> droppedBy(List<Release> releases) {
        Set<String> dropped = new LinkedHashSet<>();
        releases.forEach(r -> r.deployments().forEach(d -> dropped.add(d.id())));
        releases.getLast().deployments().forEach(d -> dropped.remove(d.id()));
        return dropped;
    }

    private static Deployment d(int index, String revision) {
        return Deployment.of(IDS[index], revision, "db", "web");
    }
}
