package org.openmargo.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmargo.packaging.Dockerfile.Instruction;

/**
 * Structural checks of the two Dockerfiles (no container engine runs on the project's machines, so they are not
 * built here): what they COPY exists in the repository or is what {@code jlink/build.sh} writes, the agent's
 * ENTRYPOINT is the jlinked launcher where the image is copied, nobody runs as root, the agent's state directory is
 * the volume, and the WFM's jar finds its libraries.
 */
class DockerfilesTest {
    private static final Dockerfile AGENT = Dockerfile.read(Layout.PACKAGING.resolve("agent/Dockerfile"));
    private static final Dockerfile WFM = Dockerfile.read(Layout.PACKAGING.resolve("wfm/Dockerfile"));

    @Test
    void copy_fromTheBuildContext_namesFilesThatExistOrTheJlinkImage() {
        List<String> checked = new ArrayList<>();
        for (Dockerfile file : List.of(AGENT, WFM)) {
            for (Instruction copy : file.all("COPY")) {
                if (copy.flag("from") != null) {
                    continue;
                }
                for (String source : copy.args().subList(0, copy.args().size() - 1)) {
                    checked.add(source);
                    assertThat(source.equals(Layout.jlinkImage()) || Files.exists(Layout.ROOT.resolve(source)))
                            .as("%s:%d: COPY source %s", file.file(), copy.line(), source).isTrue();
                }
            }
        }
        assertThat(checked).contains(Layout.jlinkImage(), "pom.xml", "wfm");
    }

    @Test
    void copy_fromAStage_namesAStageDefinedBefore() {
        for (Dockerfile file : List.of(AGENT, WFM)) {
            List<String> stages = new ArrayList<>();
            for (Instruction i : file.instructions()) {
                if (i.keyword().equals("FROM") && i.args().size() == 3) {
                    stages.add(i.args().get(2));
                }
                if (i.keyword().equals("COPY") && i.flag("from") != null) {
                    assertThat(stages).as("%s:%d", file.file(), i.line()).contains(i.flag("from"));
                }
            }
        }
    }

    @Test
    void agentEntrypoint_isTheJlinkLauncherInTheCopiedImage() {
        Instruction copy = AGENT.stage("agent").stream().filter(i -> i.keyword().equals("COPY")
                && i.args().getFirst().equals(Layout.jlinkImage())).findFirst().orElseThrow();
        String home = copy.args().getLast();

        Instruction entrypoint = AGENT.stage("agent").stream().filter(i -> i.keyword().equals("ENTRYPOINT"))
                .findFirst().orElseThrow();

        assertThat(entrypoint.args()).containsExactly(home + "/bin/" + Layout.jlinkLauncher());
    }

    @Test
    void everyStageThatRuns_hasANonRootUser() {
        assertThat(users(AGENT.stage("agent"))).containsExactly("${UID}");
        assertThat(users(AGENT.stage("agent-compose"))).isEmpty();
        assertThat(users(AGENT.stage("agent-helm"))).isEmpty();
        assertThat(users(WFM.stage("wfm"))).containsExactly("${UID}");
        for (Dockerfile file : List.of(AGENT, WFM)) {
            assertThat(file.all("ARG")).extracting(i -> i.args().getFirst()).contains("UID=65532");
            assertThat(file.all("USER")).extracting(i -> i.args().getFirst()).doesNotContain("root", "0");
        }
    }

    @Test
    void agentStateDirectory_isTheVolumeAndTheConfiguredStateDir() {
        Map<String, String> env = env(AGENT.stage("agent"));
        Instruction volume = AGENT.stage("agent").stream().filter(i -> i.keyword().equals("VOLUME")).findFirst()
                .orElseThrow();

        assertThat(volume.args()).containsExactly(env.get("MARGO_AGENT_STATE_DIR"));
        assertThat(env.get("MARGO_AGENT_CONFIG")).startsWith("/etc/openmargo-agent/");
    }

    @Test
    void wfm_exposesItsPortsAndRunsTheJarBesideItsLibraries() {
        assertThat(WFM.all("EXPOSE").getFirst().args()).containsExactly("8443", "8444", "8081", "9464");
        String pom = Layout.read(Layout.ROOT.resolve("wfm/pom.xml"));
        assertThat(pom).contains("<finalName>wfm</finalName>", "<classpathPrefix>libs</classpathPrefix>");
        List<Instruction> copies = WFM.stage("wfm").stream().filter(i -> i.keyword().equals("COPY")).toList();
        assertThat(copies).extracting(Instruction::args).contains(
                List.of("/src/wfm/target/wfm.jar", "/opt/openmargo-wfm/wfm.jar"),
                List.of("/src/wfm/target/libs", "/opt/openmargo-wfm/libs"));
        assertThat(WFM.all("ENTRYPOINT").getFirst().args())
                .containsExactly("java", "-jar", "/opt/openmargo-wfm/wfm.jar");
        assertThat(env(WFM.stage("wfm"))).containsEntry("WFM_DATA_dash_DIR", "/var/lib/openmargo-wfm")
                .containsEntry("WFM_OBSERVE_HOST", "0.0.0.0");
    }

    @Test
    void wfmBuildStage_copiesEveryModuleOfTheReactor() {
        java.util.regex.Matcher module = java.util.regex.Pattern.compile("<module>([^<]+)</module>")
                .matcher(Layout.read(Layout.ROOT.resolve("pom.xml")));
        List<List<String>> copies = WFM.stage("build").stream().filter(i -> i.keyword().equals("COPY"))
                .map(Instruction::args).toList();
        int modules = 0;
        while (module.find()) {
            modules++;
            // Maven reads every module of the root pom even with -pl: a module left out breaks the image build.
            assertThat(copies).as("COPY of module " + module.group(1)).contains(List.of(module.group(1), module.group(1)));
        }
        assertThat(modules).isGreaterThan(1);
    }

    private static List<String> users(List<Instruction> stage) {
        return stage.stream().filter(i -> i.keyword().equals("USER")).map(i -> i.args().getFirst()).toList();
    }

    private static Map<String, String> env(List<Instruction> stage) {
        Map<String, String> env = new HashMap<>();
        stage.stream().filter(i -> i.keyword().equals("ENV")).flatMap(i -> i.args().stream())
                .filter(a -> a.contains("=")).forEach(a -> env.put(a.substring(0, a.indexOf('=')),
                        a.substring(a.indexOf('=') + 1).replaceAll("^\"|\"$", "")));
        return env;
    }
}
