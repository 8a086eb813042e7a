package org.openmargo.agent.faults;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.testclock.TestClock;
import org.openmargo.wfm.testpki.TestPki;

/**
 * What every fault test starts from: a scripted mTLS {@link FaultServer} and an {@link AgentRig} against it, both on
 * one {@link TestClock} at {@link #START}, in a fresh directory; both closed after the test. A subclass's own
 * {@code @BeforeEach} runs after this one.
 */
abstract class FaultScenario {
    static final Instant START = Instant.parse("2030-03-01T08:00:00Z");

    @TempDir
    Path dir;
    FaultServer server;
    AgentRig agent;

    @BeforeEach
    void startServerAndAgent() throws Exception {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        TestClock clock = new TestClock(START);
        server = FaultServer.start(pki, clock);
        agent = AgentRig.start(pki, server, clock, dir);
    }

    @AfterEach
    void stopServerAndAgent() {
        agent.close();
        server.close();
    }
}
