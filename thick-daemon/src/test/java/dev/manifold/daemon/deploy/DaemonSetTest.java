package dev.manifold.daemon.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The DaemonSet of {@code deploy/manifold.yaml} keeps the promises its comments make. */
class DaemonSetTest {
    private static PodSpec podSpec() {
        return Manifests.deployed(DaemonSet.class).getSpec().getTemplate().getSpec();
    }

    private static List<Container> everyContainer() {
        return Stream.concat(podSpec().getInitContainers().stream(), podSpec().getContainers().stream()).toList();
    }

    @Test
    void givenEveryContainer_whenResourcesAreRead_thenRequestsEqualLimitsForGuaranteedQos() {
        assertThat(everyContainer()).allSatisfy(c -> {
            Map<String, Quantity> requests = c.getResources().getRequests();
            assertThat(requests).as(c.getName()).containsOnlyKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(c.getName()).isEqualTo(requests);
        });
    }

    @Test
    void givenPodSpec_whenRead_thenItRunsOnEveryNodeBeforeAnyPodNetwork() {
        PodSpec spec = podSpec();

        assertThat(spec.getHostNetwork()).isTrue();
        assertThat(spec.getHostPID()).as("/proc/<pid>/ns/net netns paths name host pids").isTrue();
        assertThat(spec.getPriorityClassName()).isEqualTo("system-node-critical");
        assertThat(spec.getTolerations()).anySatisfy(t -> {
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getKey()).isNull();
            assertThat(t.getEffect()).isNull();
        });
    }

    @Test
    void givenDaemonContainer_whenItsEnvironmentIsRead_thenTheNodeNameComesFromTheDownwardApi() {
        Container daemon = podSpec().getContainers().get(0);

        EnvVar nodeName = daemon.getEnv().stream().filter(e -> e.getName().equals("MULTUS_NODE_NAME")).findFirst().orElseThrow();

        assertThat(nodeName.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    }

    @Test
    void givenEveryProbe_whenRead_thenItRunsTheProbeEntryPointWithoutPicocli() {
        Container daemon = podSpec().getContainers().get(0);

        List<List<String>> probes = List.of(daemon.getStartupProbe().getExec().getCommand(),
                daemon.getLivenessProbe().getExec().getCommand(), daemon.getReadinessProbe().getExec().getCommand());

        assertThat(probes).allSatisfy(command -> assertThat(command).contains(
                dev.manifold.daemon.cli.ProbeCommand.class.getName()));
        assertThat(daemon.getStartupProbe().getExec().getCommand()).contains("--liveness");
        assertThat(daemon.getLivenessProbe().getExec().getCommand()).contains("--liveness");
        assertThat(daemon.getReadinessProbe().getExec().getCommand()).doesNotContain("--liveness");
    }
}
