package dev.manifold.daemon.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code namespaceIsolation}: a pod in {@code tenant-a} can never attach a NAD of
 * {@code tenant-b}, whichever way it names it — text form with or without an interface, spaces
 * around the parts, JSON {@code namespace}, the default-network annotation in either form — and
 * can always attach one of a {@code globalNamespaces} namespace or its own.
 */
class NamespaceIsolationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";
    private static final String DEFAULT_NETWORK = "v1.multus-cni.io/default-network";

    @TempDir
    Path confDir;

    private final InMemorySource source = new InMemorySource();
    private final NetworkPlanner planner = new NetworkPlanner(source);

    @BeforeEach
    void nads() throws Exception {
        Files.writeString(confDir.resolve("10-cluster.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"cluster\",\"type\":\"bridge\"}");
        for (String ns : List.of("tenant-a", "tenant-b", "shared")) {
            source.nad(ns, "net", "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"type\":\"macvlan\"}");
        }
    }

    private DaemonConfig cfg(boolean isolation) throws Exception {
        return ConfigParser.parse((ObjectNode) JSON.readTree("{\"confDir\":\"" + confDir + "\",\"clusterNetwork\":\""
                + confDir.resolve("10-cluster.conf") + "\",\"namespaceIsolation\":" + isolation
                + ",\"globalNamespaces\":\"shared\",\"multusNamespace\":\"kube-system\"}"), k -> { });
    }

    private List<PlannedAttachment> plan(boolean isolation, String key, String value) throws Exception {
        source.pod("tenant-a", "app", Map.of(key, value));
        return planner.plan(cfg(isolation), Optional.of(source.podInfo("tenant-a", "app")), "eth0", RuntimeConfig.empty());
    }

    /** Every way an annotation can name NAD "net" of namespace {@code ns}. */
    static Stream<Arguments> forms(String ns) {
        return Stream.of(
                Arguments.of("text", NETWORKS, ns + "/net"),
                Arguments.of("text with interface", NETWORKS, ns + "/net@x1"),
                Arguments.of("text with spaces", NETWORKS, " " + ns + " / net "),
                Arguments.of("text after an allowed one", NETWORKS, "net, " + ns + "/net@x2"),
                Arguments.of("JSON namespace", NETWORKS, "[{\"name\":\"net\",\"namespace\":\"" + ns + "\"}]"),
                Arguments.of("JSON namespace with interface", NETWORKS,
                        "[{\"name\":\"net\",\"namespace\":\"" + ns + "\",\"interface\":\"x3\"}]"),
                Arguments.of("default-network text", DEFAULT_NETWORK, ns + "/net"),
                Arguments.of("default-network JSON", DEFAULT_NETWORK, "[{\"name\":\"net\",\"namespace\":\"" + ns + "\"}]"));
    }

    static Stream<Arguments> otherTenant() {
        return forms("tenant-b");
    }

    static Stream<Arguments> globalNamespace() {
        return forms("shared");
    }

    static Stream<Arguments> ownNamespace() {
        return forms("tenant-a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherTenant")
    void givenIsolation_whenPodNamesAnotherTenantsNad_thenRefusedWithCode7(String form, String key, String value) {
        assertThatThrownBy(() -> plan(true, key, value)).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(7);
            assertThat(e.getMessage()).contains("tenant-b/net").contains("namespace isolation");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globalNamespace")
    void givenIsolation_whenPodNamesAGlobalNamespacesNad_thenPlanned(String form, String key, String value) throws Exception {
        assertThat(plan(true, key, value)).extracting(PlannedAttachment::statusName).contains("shared/net");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownNamespace")
    void givenIsolation_whenPodNamesItsOwnNamespacesNad_thenPlanned(String form, String key, String value) throws Exception {
        assertThat(plan(true, key, value)).extracting(PlannedAttachment::statusName).contains("tenant-a/net");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherTenant")
    void givenNoIsolation_whenPodNamesAnotherTenantsNad_thenPlanned(String form, String key, String value) throws Exception {
        assertThat(plan(false, key, value)).extracting(PlannedAttachment::statusName).contains("tenant-b/net");
    }

    @Test
    void givenIsolation_whenTheAdminsDefaultNetworksNameAnotherNamespace_thenTheyAreStillAttached() throws Exception {
        DaemonConfig cfg = ConfigParser.parse((ObjectNode) JSON.readTree("{\"confDir\":\"" + confDir + "\",\"clusterNetwork\":\""
                + confDir.resolve("10-cluster.conf") + "\",\"namespaceIsolation\":true,\"defaultNetworks\":[\"tenant-b/net\"]}"), k -> { });
        source.pod("tenant-a", "app", Map.of());

        List<PlannedAttachment> plan = planner.plan(cfg, Optional.of(source.podInfo("tenant-a", "app")), "eth0", RuntimeConfig.empty());

        assertThat(plan).extracting(PlannedAttachment::statusName).containsExactly("cluster", "tenant-b/net");
    }
}
