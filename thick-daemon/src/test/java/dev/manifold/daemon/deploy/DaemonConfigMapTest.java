package dev.manifold.daemon.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ConfigMap's daemon config, read by the daemon's own parser, agrees with the DaemonSet that
 * runs it: the file the daemon is told to read is the ConfigMap's, every directory the config
 * names is mounted, and the probes ask the socket the daemon serves.
 */
class DaemonConfigMapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG_KEY = "daemon-config.json";

    private static ObjectNode rawConfig() throws Exception {
        String json = Manifests.deployed(ConfigMap.class).getData().get(CONFIG_KEY);
        assertThat(json).as("ConfigMap key " + CONFIG_KEY).isNotNull();
        return (ObjectNode) JSON.readTree(json);
    }

    private static DaemonConfig config() throws Exception {
        return ConfigParser.parse(rawConfig(), key -> { });
    }

    private static PodSpec podSpec() {
        return Manifests.deployed(DaemonSet.class).getSpec().getTemplate().getSpec();
    }

    private static Container daemon() {
        return podSpec().getContainers().stream().filter(c -> c.getName().equals("daemon")).findFirst().orElseThrow();
    }

    @Test
    void givenConfigMap_whenParsedByTheDaemon_thenNoKeyIsUnused() throws Exception {
        List<String> unused = new ArrayList<>();

        ConfigParser.parse(rawConfig(), unused::add);

        assertThat(unused).isEmpty();
    }

    @Test
    void givenDaemonCommand_whenItsConfigFileIsFollowed_thenItIsTheConfigMapsKey() {
        List<String> command = daemon().getCommand();
        Path file = Path.of(command.get(command.indexOf("--config") + 1));

        VolumeMount mount = mountHolding(daemon(), file).orElseThrow();
        Volume volume = podSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                .findFirst().orElseThrow();

        assertThat(volume.getConfigMap().getName()).isEqualTo(Manifests.deployed(ConfigMap.class).getMetadata().getName());
        assertThat(Path.of(mount.getMountPath()).relativize(file).toString()).isEqualTo(CONFIG_KEY);
        assertThat(volume.getConfigMap().getItems()).anySatisfy(item -> {
            assertThat(item.getKey()).isEqualTo(CONFIG_KEY);
            assertThat(item.getPath()).isEqualTo(CONFIG_KEY);
        });
    }

    @Test
    void givenDaemonConfig_whenItsDirectoriesAreLookedFor_thenEachIsMountedFromTheHost() throws Exception {
        DaemonConfig config = config();
        Map<String, Path> directories = new LinkedHashMap<>();
        directories.put("socketDir", config.socketDir());
        directories.put("cniDir", config.cniDir());
        directories.put("cniConfigDir", config.cniConfigDir());
        directories.put("multusAutoconfigDir", config.multusAutoconfigDir());
        directories.put("confDir", config.confDir());
        config.chrootDir().ifPresent(root -> directories.put("chrootDir", root));
        // With chrootDir, plugins are looked up (and run) inside it.
        config.binDir().forEach(bin -> directories.put("binDir " + bin,
                config.chrootDir().map(root -> root.resolve(Path.of("/").relativize(bin))).orElse(bin)));

        Map<String, Path> unmounted = new LinkedHashMap<>();
        directories.forEach((key, dir) -> {
            Optional<VolumeMount> mount = mountHolding(daemon(), dir);
            if (mount.isEmpty() || hostPathOf(mount.get()).isEmpty()) {
                unmounted.put(key, dir);
            }
        });

        assertThat(unmounted).isEmpty();
    }

    @Test
    void givenSocketDir_whenTracedToTheHost_thenItIsTheSamePathThere() throws Exception {
        // The generated 00-multus.conf hands the daemon's socketDir to the shim, which runs on the host.
        Path socketDir = config().socketDir();

        VolumeMount mount = mountHolding(daemon(), socketDir)
                .orElseThrow(() -> new AssertionError("socketDir " + socketDir + " is not mounted"));
        Path onHost = Path.of(hostPathOf(mount).orElseThrow()).resolve(Path.of(mount.getMountPath()).relativize(socketDir));

        assertThat(onHost).isEqualTo(socketDir);
    }

    @Test
    void givenProbes_whenTheirSocketIsRead_thenItIsTheDaemonsSocket() throws Exception {
        Path socket = config().socketPath();
        List<List<String>> probes = List.of(daemon().getStartupProbe().getExec().getCommand(),
                daemon().getLivenessProbe().getExec().getCommand(), daemon().getReadinessProbe().getExec().getCommand());

        assertThat(probes).allSatisfy(command ->
                assertThat(command.get(command.indexOf("--socket") + 1)).isEqualTo(socket.toString()));
    }

    @Test
    void givenMetricsPort_whenTheDaemonContainersPortsAreRead_thenTheMetricsPortIsDeclared() throws Exception {
        int metricsPort = config().metricsPort();

        assertThat(metricsPort).isPositive();
        assertThat(daemon().getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("metrics");
            assertThat(port.getContainerPort()).isEqualTo(metricsPort);
        });
    }

    @Test
    void givenInstallInitContainer_whenItsTargetIsTraced_thenTheShimLandsInTheHostsCniBinUnderTheGeneratedConfsType()
            throws Exception {
        Container install = podSpec().getInitContainers().stream().filter(c -> c.getCommand().contains("install"))
                .findFirst().orElseThrow();
        List<String> command = install.getCommand();
        Path binDir = Path.of(command.get(command.indexOf("--bin-dir") + 1));
        String name = command.contains("--name") ? command.get(command.indexOf("--name") + 1) : "manifold-shim";

        VolumeMount mount = mountHolding(install, binDir).orElseThrow(() -> new AssertionError(binDir + " is not mounted"));
        Path onHost = Path.of(hostPathOf(mount).orElseThrow()).resolve(Path.of(mount.getMountPath()).relativize(binDir));

        assertThat(onHost).isEqualTo(Path.of("/opt/cni/bin"));
        assertThat(config().shimType()).as("the type 00-multus.conf names").isEqualTo(name);
        assertThat(config().binDir()).as("the daemon's plugin dirs (inside chrootDir)").contains(onHost);
    }

    /** The mount whose path holds {@code path} (the deepest one, as the kernel resolves it). */
    private static Optional<VolumeMount> mountHolding(Container container, Path path) {
        return container.getVolumeMounts().stream().filter(m -> path.startsWith(m.getMountPath()))
                .max((a, b) -> Integer.compare(a.getMountPath().length(), b.getMountPath().length()));
    }

    private static Optional<String> hostPathOf(VolumeMount mount) {
        return podSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                .filter(v -> v.getHostPath() != null).map(v -> v.getHostPath().getPath()).findFirst();
    }
}
