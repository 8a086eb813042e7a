package org.openmargo.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (WFM + PostgreSQL) checked offline: each document read strictly into its kind of the
 * Kubernetes model ({@link Manifests}), then what a cluster would only show at run time: selectors match their pod
 * labels, every Service port reaches a container port of the pods it selects, every Secret reference names a Secret
 * and key of the manifests, probes point at declared ports, volume mounts at declared volumes.
 */
class KubernetesManifestsTest {
    private static final List<HasMetadata> ALL = Manifests.all();

    @Test
    void manifests_everyDocument_isAKnownKindWithOnlyKnownFields() {
        assertThat(ALL).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Namespace", "Secret", "Secret",
                "Secret", "StatefulSet", "Service", "Deployment", "Service", "NetworkPolicy");
    }

    @Test
    void parse_aMisspelledField_isRejectedWithItsPath() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  template: {spec: {containers: [{name: a, image: a, imagePullPolicy: Always, port: 1}]}}
                """;

        assertThatThrownBy(() -> Manifests.parse(yaml, "inline")).isInstanceOf(AssertionError.class)
                .hasMessage("inline: unknown fields [Deployment.spec.replica,"
                        + " Deployment.spec.template.spec.containers[0].port]");
    }

    @Test
    void namespacedResources_areAllInADeclaredNamespace() {
        Set<String> declared = Set.copyOf(of(Namespace.class).stream().map(n -> n.getMetadata().getName()).toList());
        assertThat(declared).containsExactly("openmargo");
        ALL.stream().filter(r -> !(r instanceof Namespace))
                .forEach(r -> assertThat(declared).as(name(r)).contains(r.getMetadata().getNamespace()));
    }

    @Test
    void workloads_selectors_matchTheirPodLabels() {
        assertThat(workloads()).hasSize(2).allSatisfy(w -> assertThat(w.template().getMetadata().getLabels())
                .as(w.name()).containsAllEntriesOf(w.selector()));
    }

    @Test
    void services_everyPort_reachesAContainerPortOfTheSelectedPods() {
        List<Service> services = of(Service.class);
        assertThat(services).hasSize(2);
        for (Service service : services) {
            List<Workload> selected = workloads().stream().filter(w -> w.template().getMetadata().getLabels()
                    .entrySet().containsAll(service.getSpec().getSelector().entrySet())).toList();
            assertThat(selected).as(name(service) + " selects").isNotEmpty();
            for (ServicePort port : service.getSpec().getPorts()) {
                for (Workload w : selected) {
                    assertThat(declares(w.template(), port.getTargetPort())).as("%s port %s in %s", name(service),
                            port.getName(), w.name()).isTrue();
                }
            }
        }
    }

    @Test
    void secretReferences_nameASecretAndKeyOfTheManifests() {
        Map<String, Set<String>> secrets = new HashMap<>();
        of(Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), keys(s)));
        List<String> checked = new ArrayList<>();
        for (Workload w : workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .map(e -> e.getValueFrom().getSecretKeyRef()).forEach(ref -> {
                            checked.add(ref.getName() + "/" + ref.getKey());
                            assertThat(secrets).as(w.name()).containsKey(ref.getName());
                            assertThat(secrets.get(ref.getName())).as(w.name()).contains(ref.getKey());
                        });
            }
            w.template().getSpec().getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> {
                checked.add(v.getSecret().getSecretName());
                assertThat(secrets).as(w.name()).containsKey(v.getSecret().getSecretName());
            });
        }
        assertThat(checked).contains("openmargo-postgres/password", "openmargo-wfm-operator/token",
                "openmargo-wfm-ca/passphrase");
    }

    @Test
    void wfmIdentityService_publicUrlHostIsATlsNameAndItsPortIsPublished() {
        Workload wfm = workloads().stream().filter(w -> w.name().equals("Deployment/openmargo-wfm")).findFirst()
                .orElseThrow();
        Map<String, String> env = new HashMap<>();
        wfm.template().getSpec().getContainers().getFirst().getEnv().stream().filter(e -> e.getValue() != null)
                .forEach(e -> env.put(e.getName(), e.getValue()));
        java.net.URI publicUrl = java.net.URI.create(env.get("WFM_IDENTITY_dash_SERVICE_PUBLIC_dash_URL"));
        List<String> tlsNames = List.of(env.get("WFM_IDENTITY_dash_SERVICE_TLS_dash_NAMES").split(","));
        List<Integer> servicePorts = of(Service.class).stream()
                .filter(svc -> svc.getMetadata().getName().equals("openmargo-wfm"))
                .flatMap(svc -> svc.getSpec().getPorts().stream()).map(p -> p.getPort()).toList();

        // Devices check the MIS listener's host name against its certificate, which carries exactly tls-names.
        assertThat(publicUrl.getScheme()).isEqualTo("https");
        assertThat(tlsNames).contains(publicUrl.getHost());
        assertThat(servicePorts).contains(publicUrl.getPort());
        assertThat(env).doesNotContainKeys("WFM_IDENTITY_CERTIFICATE", "WFM_IDENTITY_TRUST_dash_BUNDLE");
    }

    @Test
    void probesAndMounts_pointAtDeclaredPortsAndVolumes() {
        for (Workload w : workloads()) {
            Set<String> volumes = new HashSet<>(w.template().getSpec().getVolumes().stream()
                    .map(Volume::getName).toList());
            volumes.addAll(w.claims());
            for (Container c : w.template().getSpec().getContainers()) {
                List<Probe> probes = Stream.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())
                        .filter(Objects::nonNull).toList();
                assertThat(probes).as("%s probes", w.name()).hasSizeGreaterThanOrEqualTo(2);
                for (Probe p : probes) {
                    if (p.getTcpSocket() != null) {
                        assertThat(declares(w.template(), p.getTcpSocket().getPort())).as(w.name()).isTrue();
                    } else if (p.getHttpGet() != null) {
                        assertThat(declares(w.template(), p.getHttpGet().getPort())).as(w.name()).isTrue();
                        assertThat(p.getHttpGet().getPath()).startsWith("/");
                    } else {
                        assertThat(p.getExec().getCommand()).as(w.name()).isNotEmpty();
                    }
                }
                c.getVolumeMounts().forEach(m -> assertThat(volumes).as(w.name()).contains(m.getName()));
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(w.name()).isFalse();
            }
            assertThat(w.template().getSpec().getSecurityContext().getRunAsNonRoot()).as(w.name()).isTrue();
        }
    }

    @Test
    void wfm_probesAndScrape_useTheObservabilityListenerOnThePodAddress() {
        Workload wfm = workloads().stream().filter(w -> w.name().equals("Deployment/openmargo-wfm")).findFirst()
                .orElseThrow();
        Container c = wfm.template().getSpec().getContainers().getFirst();
        Map<String, String> env = new HashMap<>();
        c.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        ContainerPort observe = c.getPorts().stream().filter(p -> p.getName().equals("observe")).findFirst()
                .orElseThrow();

        assertThat(env).containsEntry("WFM_OBSERVE_HOST", "0.0.0.0")
                .containsEntry("WFM_OBSERVE_PORT", Integer.toString(observe.getContainerPort()));
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/observe/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/observe/health/live");
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/observe/health/live");
        assertThat(wfm.template().getMetadata().getAnnotations()).containsEntry("prometheus.io/port",
                Integer.toString(observe.getContainerPort())).containsEntry("prometheus.io/path", "/observe/metrics");
        assertThat(of(Service.class)).flatExtracting(s -> s.getSpec().getPorts()).extracting(ServicePort::getName)
                .doesNotContain("observe");
    }

    @Test
    void networkPolicy_selectsThePostgresPodsAndAdmitsTheWfm() {
        NetworkPolicy policy = of(NetworkPolicy.class).getFirst();
        Map<String, String> target = policy.getSpec().getPodSelector().getMatchLabels();
        Map<String, String> from = policy.getSpec().getIngress().getFirst().getFrom().getFirst().getPodSelector()
                .getMatchLabels();

        assertThat(workloads()).filteredOn(w -> w.template().getMetadata().getLabels().entrySet()
                .containsAll(target.entrySet())).extracting(Workload::name)
                .containsExactly("StatefulSet/openmargo-postgres");
        assertThat(workloads()).filteredOn(w -> w.template().getMetadata().getLabels().entrySet()
                .containsAll(from.entrySet())).extracting(Workload::name).containsExactly("Deployment/openmargo-wfm");
    }

    @Test
    void wfm_runsSeveralReplicas_updatedOneAtATime() {
        Deployment wfm = of(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("openmargo-wfm"))
                .findFirst().orElseThrow();

        assertThat(wfm.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(wfm.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(wfm.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    }

    /** A pod-owning resource reduced to what the checks need. */
    private record Workload(String name, Map<String, String> selector, PodTemplateSpec template, List<String> claims) {
    }

    private static List<Workload> workloads() {
        List<Workload> out = new ArrayList<>();
        of(Deployment.class).forEach(d -> out.add(new Workload(name(d), d.getSpec().getSelector().getMatchLabels(),
                d.getSpec().getTemplate(), List.of())));
        of(StatefulSet.class).forEach(s -> out.add(new Workload(name(s), s.getSpec().getSelector().getMatchLabels(),
                s.getSpec().getTemplate(), s.getSpec().getVolumeClaimTemplates().stream()
                        .map(c -> c.getMetadata().getName()).toList())));
        return out;
    }

    private static boolean declares(PodTemplateSpec template, IntOrString port) {
        return template.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .anyMatch((ContainerPort p) -> port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                        : port.getIntVal().equals(p.getContainerPort()));
    }

    private static Set<String> keys(Secret secret) {
        Set<String> keys = new HashSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private static <T extends HasMetadata> List<T> of(Class<T> kind) {
        return ALL.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static String name(HasMetadata r) {
        return r.getKind() + "/" + r.getMetadata().getName();
    }
}
