package org.openmargo.wfm.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openmargo.wfm.catalogue.Devices.facts;
import static org.openmargo.wfm.catalogue.Devices.northstarWith;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/**
 * The catalogue over a real H2 database: rendering exactly as f.3 says, the profile choice, eligibility reasons, and
 * the output passing the WFM's own deployment validator.
 */
class CatalogueServiceTest {
    private static final UUID ID = UUID.fromString("3f1c2b4e-8a9d-4c7e-b6f5-0a1b2c3d4e5f");
    private static final AppVersion APP = new AppVersion("com-northstar-digitron", "1.2.1");
    private static Database database;
    private static CatalogueService catalogue;

    @BeforeAll
    static void open() {
        database = Database.open(new DatabaseSettings("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "", 4));
        catalogue = database.catalogue();
        catalogue.importDescription(Descriptions.DIGITRON.getBytes(UTF_8), "alice");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static ResolvedParameters parameters() {
        return catalogue.resolve(APP, Map.of("siteId", ParameterResolverTest.json("\"AB-12\"")), Map.of());
    }

    private static Placement render(ProfileChoice choice, String capabilities) {
        return catalogue.render(APP, choice, parameters(), facts(capabilities), ID, "margo", "digitron-dev-1");
    }

    @Test
    void render_helmProfile_exactDeploymentYaml() {
        Placement p = render(new ProfileChoice.ById("digitron-helm"), Devices.NORTHSTAR);

        assertThat(p).isInstanceOf(Placement.Placed.class);
        assertThat(((Placement.Placed) p).profileId()).isEqualTo("digitron-helm");
        assertThat(new String(((Placement.Placed) p).yaml(), UTF_8)).isEqualTo("""
                id: 3f1c2b4e-8a9d-4c7e-b6f5-0a1b2c3d4e5f
                metadata:
                  name: digitron-dev-1
                  namespace: margo
                  deviceId: dev-1
                spec:
                  applicationId: com-northstar-digitron
                  deploymentProfile:
                    type: helm
                    components:
                      - name: database-services
                        properties:
                          repository: oci://quay.io/charts/realtime-database-services
                          revision: 2.3.7
                          wait: true
                          timeout: 8m30s
                      - name: digitron-orchestrator
                        properties:
                          repository: oci://northstarida.azurecr.io/charts/digitron-orchestrator
                          revision: 1.0.9_build.7
                        x-northstar-extensions:
                          chartValuesSchema: strict
                    deviceConstraints:
                      capacityRequirements:
                        cpu:
                          cores: 2
                          architectures:
                            - amd64
                            - arm64
                        memory: 1024Mi
                        storage: 10Gi
                      eligibilityRules:
                        - propertySelector:
                            matchExpressions:
                              - key: /vendor
                                operator: In
                                values:
                                  - Northstar
                                  - Acme
                          labelSelector:
                            matchExpressions:
                              - key: site
                                operator: Exists
                    x-northstar-extensions:
                      helmTimeoutPolicy: strict
                  parameters:
                    idpName:
                      value: test
                      targets:
                        - pointer: idp.name
                          components:
                            - digitron-orchestrator
                    pollFrequency:
                      value: 30
                      targets:
                        - pointer: settings.pollFrequency
                          components:
                            - digitron-orchestrator
                            - database-services
                    siteId:
                      value: AB-12
                      targets:
                        - pointer: settings.siteId
                          components:
                            - digitron-orchestrator
                    cpuLimit:
                      value: 1.5
                      targets:
                        - pointer: settings.limits.cpu
                          components:
                            - digitron-orchestrator
                """);
    }

    @Test
    void render_composeProfile_keepsOnlyItsTargetsAndPassesTheDeploymentValidator() {
        Placement p = render(new ProfileChoice.ById("digitron-compose"), Devices.NORTHSTAR);

        byte[] yaml = ((Placement.Placed) p).yaml();
        ValidatedDeployment d = DeploymentValidator.validate(yaml);
        assertThat(d.id()).isEqualTo(ID.toString());
        assertThat(d.deviceId()).isEqualTo("dev-1");
        assertThat(d.componentNames()).containsExactly("digitron-orchestrator-docker");
        String text = new String(yaml, UTF_8);
        assertThat(text).contains("""
                  parameters:
                    idpName:
                      value: test
                      targets:
                        - pointer: IDP_NAME
                          components:
                            - digitron-orchestrator-docker
                """).contains("    logLevel:\n      value: info\n").doesNotContain("cpuLimit")
                .doesNotContain("deviceConstraints").doesNotContain("x-");
    }

    @Test
    void render_neverCopiesTheWfmTargetedExtensions() {
        for (String profile : List.of("digitron-helm", "digitron-compose")) {
            String yaml = new String(((Placement.Placed) render(new ProfileChoice.ById(profile), Devices.NORTHSTAR))
                    .yaml(), UTF_8);
            assertThat(yaml).doesNotContain("x-wfm-catalogue-extensions").doesNotContain("colour");
        }
    }

    @Test
    void render_stringsThatLookLikeOtherTypes_quotedAndReadBackAsStrings() {
        String yaml = Descriptions.DIGITRON.replace("version: 1.2.1", "version: 1.2.2")
                .replace("    value: test\n", "    value: \"yes\"\n")
                .replace("maxLength: 45", "maxLength: 45\n      regexMatch: .*");
        catalogue.importDescription(yaml.getBytes(UTF_8), "alice");
        AppVersion app = new AppVersion(APP.appId(), "1.2.2");
        for (String value : List.of("\"yes\"", "\"1e3\"", "\"0x1F\"", "\"null\"", "\"on\"", "\"012\"", "\"true\"",
                "\"- a\"", "\"a: b\"", "\"#x\"", "\"ünï\\ncode\"")) {
            ResolvedParameters p = catalogue.resolve(app, Map.of("siteId", ParameterResolverTest.json("\"AB-1\""),
                    "idpName", ParameterResolverTest.json(value)), Map.of());
            byte[] out = ((Placement.Placed) catalogue.render(app, new ProfileChoice.ById("digitron-helm"), p,
                    facts(Devices.NORTHSTAR), ID, "margo", "n")).yaml();

            Object read = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) org.openmargo.wfm.desiredstate.YamlBody
                    .parseMapping(out).get("spec")).get("parameters")).get("idpName")).get("value");
            assertThat(read).as(value).isEqualTo(((jakarta.json.JsonString) ParameterResolverTest.json(value))
                    .getString());
        }
    }

    private static final String ONE_AND_A_HALF_CORES = northstarWith("[{\"cores\": 2, \"architecture\": \"amd64\"}, "
            + "{\"cores\": 2, \"architecture\": \"amd64\"}]", "[{\"cores\": 1.5, \"architecture\": \"amd64\"}]");

    static Stream<Arguments> placements() {
        ProfileChoice any = new ProfileChoice.AnySupported();
        ProfileChoice helm = new ProfileChoice.ById("digitron-helm");
        return Stream.of(
                Arguments.of("meets everything, any profile", any, Devices.NORTHSTAR, "digitron-helm"),
                Arguments.of("helm not supported, any profile", any,
                        northstarWith("[\"helm\", \"compose\"]", "[\"compose\"]"), "digitron-compose"),
                Arguments.of("too few cores, any profile", any, ONE_AND_A_HALF_CORES, "digitron-compose"),
                Arguments.of("too few cores, helm", helm, ONE_AND_A_HALF_CORES,
                        "profile digitron-helm: needs 2 CPU cores, the device reports 1.5"),
                Arguments.of("helm not supported, helm", helm,
                        northstarWith("[\"helm\", \"compose\"]", "[\"compose\"]"),
                        "profile digitron-helm: type helm is not in the device's supportedDeploymentTypes [compose]"),
                Arguments.of("unknown deployment type counts as custom", helm,
                        northstarWith("[\"helm\", \"compose\"]", "[\"helm3\"]"),
                        "profile digitron-helm: type helm is not in the device's supportedDeploymentTypes [custom]"),
                Arguments.of("architecture not listed", helm, Devices.NORTHSTAR.replace("\"amd64\"", "\"arm\""),
                        "profile digitron-helm: needs a CPU architecture in [amd64, arm64], the device reports [arm, "
                                + "arm]"),
                Arguments.of("too little memory", helm, northstarWith("\"8 Gi\"", "\"1023Mi\""),
                        "profile digitron-helm: needs 1024Mi of memory, the device reports 1023Mi"),
                Arguments.of("exactly the memory", helm, northstarWith("\"8 Gi\"", "\"1 Gi\""), "digitron-helm"),
                Arguments.of("too little storage", helm, northstarWith("\"64Gi\"", "\"9.5Gi\""),
                        "profile digitron-helm: needs 10Gi of storage, the device reports 9.5Gi"),
                Arguments.of("vendor not in the rule", helm, northstarWith("\"Northstar\"", "\"northstar\""),
                        "profile digitron-helm: its capabilities do not match the eligibility rule"),
                Arguments.of("label missing", helm, northstarWith("\"site\": \"plant-1\", ", ""),
                        "profile digitron-helm: its capabilities do not match the eligibility rule"),
                Arguments.of("no profile of a supported type", any,
                        northstarWith("[\"helm\", \"compose\"]", "[\"custom\"]"),
                        "profile digitron-helm: type helm is not in the device's supportedDeploymentTypes [custom]; "
                                + "profile digitron-compose: type compose is not in the device's "
                                + "supportedDeploymentTypes [custom]"),
                Arguments.of("a see-thru gateway", any, """
                                {"properties": {"id": "gw", "vendor": "V", "modelNumber": "M", "serialNumber": "S"}}
                                """, "the device reports no hosting fields: it hosts no workloads"),
                Arguments.of("unknown profile id", new ProfileChoice.ById("digitron-k8s"), Devices.NORTHSTAR,
                        "com-northstar-digitron@1.2.1 has no profile digitron-k8s"),
                Arguments.of("capabilities not JSON", any, "{\"properties\": [", "its capabilities cannot be read"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void render_deviceAndChoice_placedOnTheExpectedProfileOrNotPlaceableWithTheReason(String situation,
            ProfileChoice choice, String capabilities, String expected) {
        Placement p = render(choice, capabilities);

        switch (p) {
            case Placement.Placed placed -> assertThat(placed.profileId()).as(situation).isEqualTo(expected);
            case Placement.NotPlaceable not -> assertThat(not.reason()).as(situation).startsWith(expected);
        }
    }

    @Test
    void render_deviceWithoutCapabilities_notPlaceable() {
        Placement p = catalogue.render(APP, new ProfileChoice.AnySupported(), parameters(),
                new DeviceFacts("client-1", "dev-1", Optional.empty()), ID, "margo", "n");

        assertThat(p).isEqualTo(new Placement.NotPlaceable("the device has not reported its capabilities"));
    }

    @Test
    void render_unknownVersion_notFound() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> catalogue.render(
                new AppVersion(APP.appId(), "9.9.9"), new ProfileChoice.AnySupported(), parameters(),
                facts(Devices.NORTHSTAR), ID, "margo", "n"));

        assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
    }

    @Test
    void profileIds_inDescriptionOrder_emptyWhenUnknown() {
        assertThat(catalogue.profileIds(APP)).contains(List.of("digitron-helm", "digitron-compose"));
        assertThat(catalogue.profileIds(new AppVersion("nope", "1"))).isEmpty();
        assertThat(catalogue.exists(APP)).isTrue();
    }

    @Test
    void resolve_unknownVersion_notFound() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> catalogue.resolve(
                new AppVersion("nope", "1"), Map.<String, JsonValue>of(), Map.of()));

        assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
    }
}
