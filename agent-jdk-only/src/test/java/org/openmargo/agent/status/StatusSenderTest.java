package org.openmargo.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.transport.RetryHint;
import org.openmargo.agent.transport.WfmResponse;

class StatusSenderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;

    /** Answers from a script; an answer of -1 throws a connection failure. */
    private static final class ScriptedPort implements StatusPort {
        final Deque<Integer> answers = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();

        ScriptedPort(Integer... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public WfmResponse post(String deploymentId, byte[] json) throws IOException {
            sent.add(deploymentId + " " + new String(json, java.nio.charset.StandardCharsets.UTF_8));
            int answer = answers.removeFirst();
            if (answer < 0) {
                throw new ConnectException("Connection refused");
            }
            return answer(answer);
        }
    }

    private static WfmResponse answer(int status) {
        return new WfmResponse(status, Map.of(), new byte[0]);
    }

    @Test
    void sendDue_201_deliversAndEmptiesOutbox() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installed(7));
        ScriptedPort port = new ScriptedPort(201);

        SendOutcome outcome = new StatusSender(outbox, port, CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.AllDelivered(1, 0));
        assertThat(port.sent).containsExactly(Reports.ID + " "
                + new String(StatusReportJson.write(Reports.installed(7)), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(outbox.due()).isEmpty();
    }

    @Test
    void sendDue_heldFailure_sendsFailureThenSuccessInOneRun() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.failed(7));
        outbox.report(Reports.installed(7));
        ScriptedPort port = new ScriptedPort(200, 200);

        SendOutcome outcome = new StatusSender(outbox, port, CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.AllDelivered(2, 0));
        assertThat(port.sent.get(0)).contains("\"state\":\"failed\"");
        assertThat(port.sent.get(1)).contains("\"status\":{\"state\":\"installed\"}");
    }

    @Test
    void sendDue_400and422_dropsThem() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.forDeployment("a", 1));
        outbox.report(Reports.forDeployment("b", 1));

        SendOutcome outcome = new StatusSender(outbox, new ScriptedPort(400, 422), CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.AllDelivered(0, 2));
        assertThat(outbox.due()).isEmpty();
    }

    @Test
    void sendDue_connectionRefused_keepsAllPendingAndStops() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.forDeployment("a", 1));
        outbox.report(Reports.forDeployment("b", 1));
        ScriptedPort port = new ScriptedPort(-1);

        SendOutcome outcome = new StatusSender(outbox, port, CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.Pending(2, "transport: Connection refused"));
        assertThat(port.sent).hasSize(1);
    }

    @Test
    void sendDue_503ThenRetry_deliversOnSecondRun() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.forDeployment("a", 1));
        outbox.report(Reports.forDeployment("b", 1));
        ScriptedPort port = new ScriptedPort(200, 503, 200);
        StatusSender sender = new StatusSender(outbox, port, CLOCK);

        assertThat(sender.sendDue()).isEqualTo(new SendOutcome.Pending(1, "HTTP 503"));
        assertThat(StatusOutbox.open(dir).due()).extracting(PendingReport::deploymentId).containsExactly("b");
        assertThat(sender.sendDue()).isEqualTo(new SendOutcome.AllDelivered(1, 0));
    }

    @Test
    void sendDue_503WithRetryAfterAndProblem_pendingCarriesTheHint() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installed(7));
        StatusPort port = (id, json) -> new WfmResponse(503, Map.of("Retry-After", List.of("120"),
                "Content-Type", List.of("application/problem+json")),
                "{\"retryable\":true,\"backoffStrategy\":\"fixed\"}".getBytes(StandardCharsets.UTF_8));

        SendOutcome outcome = new StatusSender(outbox, port, CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.Pending(1, "HTTP 503",
                new RetryHint(true, Optional.of(Duration.ofSeconds(120)), Optional.of(RetryHint.Backoff.FIXED))));
        assertThat(outbox.due()).hasSize(1);
    }

    @Test
    void sendDue_409_staysPendingAsNotRetryable() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installed(7));

        SendOutcome outcome = new StatusSender(outbox, new ScriptedPort(409), CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.Pending(1, "HTTP 409",
                new RetryHint(false, Optional.empty(), Optional.empty())));
    }

    @Test
    void sendDue_afterRestart_deliversPersistedReport() throws IOException {
        StatusOutbox.open(dir).report(Reports.installed(7));
        ScriptedPort port = new ScriptedPort(201);

        SendOutcome outcome = new StatusSender(StatusOutbox.open(dir), port, CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.AllDelivered(1, 0));
        assertThat(StatusOutbox.open(dir).due()).isEmpty();
    }

    @Test
    void sendDue_newerReportDuringSend_sendsNewerToo() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installing(7));
        List<String> sent = new ArrayList<>();
        StatusPort racing = (id, json) -> {
            sent.add(new String(json, java.nio.charset.StandardCharsets.UTF_8));
            if (sent.size() == 1) {
                outbox.report(Reports.installed(7));
            }
            return answer(200);
        };

        SendOutcome outcome = new StatusSender(outbox, racing, CLOCK).sendDue();

        assertThat(outcome).isEqualTo(new SendOutcome.AllDelivered(2, 0));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).contains("\"status\":{\"state\":\"installed\"}");
        assertThat(outbox.due()).isEmpty();
    }
}
