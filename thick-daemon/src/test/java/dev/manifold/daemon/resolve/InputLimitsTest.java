package dev.manifold.daemon.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.selection.NetworkSelections;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Oversized input is refused where it enters, with code 7 and a message giving the size and the
 * limit: the networks annotation (64 KiB, 32 networks), a NAD's spec.config (64 KiB), the daemon
 * config file (256 KiB). (The request body's 1 MiB is the socket server's, see SocketServerTest.)
 */
class InputLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";

    @TempDir
    Path dir;

    private final InMemorySource source = new InMemorySource();
    private final NetworkPlanner planner = new NetworkPlanner(source);

    @BeforeEach
    void clusterNetwork() throws Exception {
        Files.writeString(dir.resolve("10-cluster.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"cluster\",\"type\":\"bridge\"}");
        for (int i = 0; i < 40; i++) {
            source.nad("team", "n" + i, "{\"cniVersion\":\"1.0.0\",\"name\":\"n" + i + "\",\"type\":\"macvlan\"}");
        }
    }

    private DaemonConfig cfg(String extra) throws Exception {
        return ConfigParser.parse((ObjectNode) JSON.readTree("{\"confDir\":\"" + dir + "\",\"clusterNetwork\":\""
                + dir.resolve("10-cluster.conf") + "\"" + extra + "}"), k -> { });
    }

    private void planFor(DaemonConfig cfg, String annotation) {
        source.pod("team", "app", Map.of(NETWORKS, annotation));
        planner.plan(cfg, Optional.of(source.podInfo("team", "app")), "eth0", RuntimeConfig.empty());
    }

    private static String networks(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "n" + i).collect(Collectors.joining(","));
    }

    private static void assertRefused(Runnable action, String... fragments) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(7);
            assertThat(e.getMessage()).contains(fragments).hasSizeLessThan(1024);
        });
    }

    @Test
    void givenAnnotationOver64KiB_whenParsed_thenRefusedWithItsSize() {
        String huge = "n1," + " ".repeat(NetworkSelections.MAX_ANNOTATION_BYTES);

        assertRefused(() -> NetworkSelections.parse(huge, "team"), NETWORKS, String.valueOf(huge.length()), "65536");
    }

    @Test
    void givenDefaultNetworkAnnotationOver64KiB_whenParsed_thenRefused() {
        String huge = "n1" + " ".repeat(NetworkSelections.MAX_ANNOTATION_BYTES);

        assertRefused(() -> NetworkSelections.parseDefaultNetwork(huge, "team"), "v1.multus-cni.io/default-network", "65536");
    }

    @Test
    void givenAnnotationOf32Networks_whenPlanned_thenAccepted() throws Exception {
        source.pod("team", "app", Map.of(NETWORKS, networks(0, 32)));

        assertThat(planner.plan(cfg(""), Optional.of(source.podInfo("team", "app")), "eth0", RuntimeConfig.empty())).hasSize(33);
    }

    @Test
    void givenAnnotationOf33Networks_whenParsed_thenRefused() {
        assertRefused(() -> NetworkSelections.parse(networks(0, 33), "team"), "33 networks", "at most 32");
    }

    @Test
    void givenDefaultNetworksAndAnnotationTogetherOver32_whenPlanned_thenRefused() throws Exception {
        String defaults = IntStream.range(0, 20).mapToObj(i -> "\"team/n" + i + "\"").collect(Collectors.joining(","));
        DaemonConfig cfg = cfg(",\"defaultNetworks\":[" + defaults + "]");

        assertRefused(() -> planFor(cfg, networks(20, 33)), "33 secondary networks", "at most 32");
    }

    @Test
    void givenNadConfigOver64KiB_whenPlanned_thenRefusedNamingTheNad() throws Exception {
        String padded = "{\"cniVersion\":\"1.0.0\",\"name\":\"big\",\"type\":\"macvlan\",\"pad\":\""
                + "x".repeat(NadConfigs.MAX_CONFIG_BYTES) + "\"}";
        source.nad("team", "big", padded);
        DaemonConfig cfg = cfg("");

        assertRefused(() -> planFor(cfg, "big"), "team/big", "spec.config", "65536");
    }

    @Test
    void givenDaemonConfigFileOver256KiB_whenRead_thenRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("daemon-config.json"),
                "{\"logLevel\":\"" + "x".repeat(ConfigParser.MAX_FILE_BYTES) + "\"}");

        assertRefused(() -> ConfigParser.read(file), file.toString(), "262144");
    }
}
