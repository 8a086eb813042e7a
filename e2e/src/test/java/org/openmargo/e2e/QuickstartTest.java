package org.openmargo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.log.LogLine;

/**
 * README's quickstart, run as a user runs it: {@code quickstart.sh} with the jars this build packaged, a freshly
 * jlinked agent image, a new trust domain, a one-time token, the agent enrolling over the network, and the sample
 * deployment reaching {@code installed}; then everything stopped. Separate processes on free ports; nothing is faked.
 */
class QuickstartTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void quickstart_freshMachinePath_enrollsTheJlinkedAgentAndReachesInstalled() throws Exception {
        Path work = Files.createDirectories(Path.of("target").toAbsolutePath().resolve("quickstart"));
        Path log = work.resolveSibling("quickstart.log");
        List<Integer> ports = freePorts(4);
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("quickstart.sh").toString(), "--no-build",
                "--exit-when-installed", "--timeout", "90")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("QUICKSTART_DIR", work.toString());
        env.put("QUICKSTART_DEVICE_PORT", ports.get(0).toString());
        env.put("QUICKSTART_MIS_PORT", ports.get(1).toString());
        env.put("QUICKSTART_OPERATOR_PORT", ports.get(2).toString());
        env.put("QUICKSTART_OBSERVE_PORT", ports.get(3).toString());

        Process quickstart = builder.start();
        boolean ended = quickstart.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            quickstart.descendants().forEach(ProcessHandle::destroy);
            quickstart.destroy();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(ended).as(output).isTrue();
        assertThat(quickstart.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("the agent runs from the jlinked image: " + ROOT.resolve("jlink/target/image/bin/openmargo-agent"))
                .contains("agent: enrolled as spiffe://quickstart.local/margo/wfm/wfm-1/client/quickstart-agent")
                .contains("SIMULATED runtime")
                .contains("capabilities reported by demo-device")
                .contains("deployment state: installed")
                .contains("stopped the agent and the WFM");
        assertThat(work.resolve("agent/enroll-token")).as("the one-time token is not left on disk").doesNotExist();
        List<String> agentLog = Files.readAllLines(work.resolve("agent.log"), StandardCharsets.UTF_8);
        assertThat(agentLog).as("the image logs on stdout").isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches(LogLine.PATTERN));
        assertThat(agentLog).anyMatch(line -> line.contains("accepted manifest version"));
        try (var files = Files.walk(work.resolve("agent/state"))) {
            assertThat(files.map(Path::toString)).as("SIGTERM left no half-written file")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
        for (int port : ports) {
            assertThat(free(port)).as("port " + port + " released: both processes stopped").isTrue();
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            }
            return java.util.Arrays.stream(sockets).map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
