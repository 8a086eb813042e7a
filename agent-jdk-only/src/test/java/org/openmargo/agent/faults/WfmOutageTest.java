package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.status.PendingReport;

/**
 * The WFM goes away for a simulated day right after the agent fetched a new manifest and applied it. Polls and status
 * deliveries back off on their own schedules up to {@code backoff.max}; the reports made before the link dropped wait
 * in the outbox and reach the WFM exactly once, in order, when it is back (digest d.5, g).
 */
class WfmOutageTest extends FaultScenario {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Release.Deployment A = Release.Deployment.of("6b8d0f2a-4c6e-4a8b-9d1f-3a5c7e9b1d3f", "1.0.0",
            "db");
    private static final Release.Deployment B = Release.Deployment.of("7c9e1a3b-5d7f-4b9c-8e2a-4b6d8f0a2c4e", "1.0.0",
            "web");
    private static final Release.Deployment C = Release.Deployment.of("8d0f2b4c-6e8a-4c0d-9f3b-5c7e9a1b3d5f", "1.0.0",
            "api");

    @Test
    void agent_wfmDownForADay_backsOffUpToTheCapAndDeliversEveryPendingStatusOnceInOrder() throws Exception {
        server.publish(Release.of(1, A));
        agent.pass();
        List<String> beforeOutage = server.statuses();
        server.publish(Release.of(2, B, C));
        server.override(get(urlPathEqualTo(C.url())).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("dropping").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/yaml").withBody(C.bytes())));
        server.override(any(anyUrl()).inScenario("outage").whenScenarioStateIs("dropping")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Instant dropped = agent.clock.instant();
        agent.pass();
        List<PendingReport> pending = agent.outbox.due();
        server.down(true);
        Set<Instant> polls = new LinkedHashSet<>();
        while (agent.clock.instant().isBefore(dropped.plus(DAY))) {
            agent.pass();
            polls.add(Instant.parse(agent.lastSync()));
        }
        polls.remove(dropped);
        List<PendingReport> afterTheDay = agent.outbox.due();
        List<String> outboxFiles = fileNames(agent.stateDir.resolve("outbox"));
        Instant back = agent.clock.instant();
        List<Instant> posts = agent.posts.stream().filter(at -> !at.isBefore(dropped)).toList();
        Map<Instant, Long> connections = server.requests().stream().filter(r -> r.method().equals("CONNECT"))
                .collect(Collectors.groupingBy(FaultServer.Request::at, TreeMap::new, Collectors.counting()));
        server.down(false);
        server.clearOverrides();
        for (int pass = 0; pass < 10 && !agent.outbox.due().isEmpty(); pass++) {
            agent.pass();
        }

        assertThat(StatusBody.parseAll(beforeOutage)).containsExactly(new StatusBody(A.id(), 1, "installed"));
        assertThat(pending).extracting(p -> StatusBody.parse(json(p))).containsExactly(
                new StatusBody(A.id(), 2, "removed"), new StatusBody(B.id(), 2, "installed"),
                new StatusBody(C.id(), 2, "installed"));
        assertThat(afterTheDay).isEqualTo(pending);
        assertThat(outboxFiles).containsExactlyInAnyOrder(A.id() + ".json", B.id() + ".json", C.id() + ".json");
        assertBacksOffUpToTheCap(List.copyOf(polls));
        assertBacksOffUpToTheCap(posts);
        assertThat(connections.keySet()).as("instants of connections during the outage")
                .isEqualTo(scheduled(polls, posts.subList(1, posts.size())));
        assertThat(connections.values()).as("connections per attempt").allMatch(n -> n == 1 || n == 2);
        List<String> expected = new ArrayList<>(beforeOutage);
        pending.forEach(p -> expected.add(json(p)));
        assertThat(server.statuses()).containsExactlyElementsOf(expected);
        assertThat(agent.outbox.due()).isEmpty();
        assertThat(server.requests()).filteredOn(r -> r.at().isAfter(back)).isNotEmpty();
        assertThat(agent.saved().manifest().orElseThrow().version()).isEqualTo(2);
    }

    /**
     * The instants of scheduled polls and sends. Each may cost two connections: the JDK HttpClient retries a request
     * once, at once, when its connection dies before any answer (not configurable for every case), so the test
     * counts attempts by instant.
     */
    private static Set<Instant> scheduled(Set<Instant> polls, List<Instant> sends) {
        Set<Instant> all = new TreeSet<>(polls);
        all.addAll(sends);
        return all;
    }

    /**
     * Gap n follows failure n: {@code min(max, 10 s × 2^(n-1))} jittered ±10 % and never above the cap. A shorter gap
     * is an attempt the schedule did not allow.
     */
    private static void assertBacksOffUpToTheCap(List<Instant> attempts) {
        Backoff backoff = AgentRig.POLL.backoff();
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(Duration.between(attempts.get(i - 1), attempts.get(i)));
        }
        assertThat(gaps).hasSizeGreaterThan((int) DAY.dividedBy(backoff.max()) - 10);
        for (int n = 1; n <= gaps.size(); n++) {
            Duration base = backoff.delay(n);
            Duration spread = base.dividedBy(10);
            assertThat(gaps.get(n - 1)).as("gap after failure %d", n)
                    .isBetween(base.minus(spread), min(base.plus(spread), backoff.max()));
        }
        assertThat(gaps.subList(0, 7)).isSortedAccordingTo(Duration::compareTo).doesNotHaveDuplicates();
        assertThat(gaps.getLast()).isBetween(backoff.max().multipliedBy(9).dividedBy(10), backoff.max());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static List<String> fileNames(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static String json(PendingReport p) {
        return new String(p.json(), StandardCharsets.UTF_8);
    }
}
