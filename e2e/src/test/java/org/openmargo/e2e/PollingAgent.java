package org.openmargo.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.sync.ManifestSync;
import org.openmargo.agent.sync.SyncOutcome;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;

/**
 * One device agent in the test's JVM, made of the agent's own library: its mTLS {@link WfmClient} and its
 * {@link ManifestSync} (conditional GET, ETag and digest checks, the rollback check on manifestVersion, YAML fetch).
 * Each pass opens a new connection, so that the load balancer may send every poll to another instance. After each
 * accepted manifest it reports {@code installed} for every deployment, as the agent's status outbox does.
 */
final class PollingAgent implements Runnable {
    final String clientId;
    private final WfmClient client;
    private final ManifestSync sync;
    private volatile boolean stopped;
    private AgentState state = AgentState.empty();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong polls = new AtomicLong();
    final List<Long> versionsSeen = new CopyOnWriteArrayList<>();
    final List<String> rejections = new CopyOnWriteArrayList<>();
    final List<String> statusFailures = new CopyOnWriteArrayList<>();
    final AtomicLong statusesStored = new AtomicLong();
    final AtomicLong statusesSent = new AtomicLong();

    PollingAgent(String clientId, WfmClient client) {
        this.clientId = clientId;
        this.client = client;
        this.sync = new ManifestSync(client, java.time.Clock.systemUTC());
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                client.reconnect();
                SyncOutcome outcome = sync.sync(state);
                polls.incrementAndGet();
                switch (outcome) {
                    case SyncOutcome.Accepted a -> {
                        state = a.state();
                        long version = state.manifest().orElseThrow().version();
                        versionsSeen.add(version);
                        accepted.set(version);
                        report(version);
                    }
                    case SyncOutcome.Rejected r -> rejections.add(r.reason());
                    case SyncOutcome.Unchanged u -> { }
                    case SyncOutcome.Unavailable u -> { }
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | java.io.IOException e) {
                statusFailures.add(e.toString());
            }
        }
    }

    private void report(long version) throws java.io.IOException, InterruptedException {
        for (String deploymentId : state.desired().keySet()) {
            String body = "{\"deploymentId\":\"" + deploymentId + "\",\"deviceId\":\"demo-device\","
                    + "\"adoptedManifestVersion\":" + version + ","
                    + "\"status\":{\"state\":\"installed\",\"error\":{\"code\":\"\",\"source\":\"\",\"message\":\"\"}},"
                    + "\"components\":[{\"name\":\"broker\",\"state\":\"installed\"},"
                    + "{\"name\":\"dashboard\",\"state\":\"installed\"}]}";
            statusesSent.incrementAndGet();
            WfmResponse r = client.send(new WfmRequest("POST", "/api/v1/deployments/" + deploymentId + "/status",
                    Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8)));
            if (r.status() == 200 || r.status() == 201) {
                statusesStored.incrementAndGet();
            } else {
                statusFailures.add(r.status() + " " + new String(r.body(), StandardCharsets.UTF_8));
            }
        }
    }

    void stop() {
        stopped = true;
    }

    void close() {
        client.close();
    }
}
