package dev.manifold.daemon.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.daemon.source.PodInfo;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkPlannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";

    @TempDir
    Path confDir;

    private final InMemorySource source = new InMemorySource();
    private final NetworkPlanner planner = new NetworkPlanner(source);

    @BeforeEach
    void clusterNetworkFile() throws Exception {
        Files.writeString(confDir.resolve("10-cluster.conflist"),
                "{\"cniVersion\":\"0.4.0\",\"name\":\"k8s-pod-network\",\"plugins\":[{\"type\":\"bridge\"},{\"type\":\"portmap\",\"capabilities\":{\"portMappings\":true}}]}");
        Files.writeString(confDir.resolve("20-byname.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"fromfile\",\"type\":\"ptp\"}");
    }

    private DaemonConfig cfg(String extra) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree("{\"confDir\":\"" + confDir + "\",\"clusterNetwork\":\""
                + confDir.resolve("10-cluster.conflist") + "\"" + extra + "}");
        return ConfigParser.parse(node, k -> { });
    }

    private List<PlannedAttachment> plan(DaemonConfig cfg, PodInfo pod) {
        return planner.plan(cfg, Optional.ofNullable(pod), "eth0", RuntimeConfig.empty());
    }

    private static String conf(String name, String type) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    @Test
    void givenPodWithoutAnnotation_whenPlanned_thenOnlyTheClusterNetworkOnEth0() throws Exception {
        source.pod("ns1", "web", Map.of());

        List<PlannedAttachment> plan = plan(cfg(""), source.podInfo("ns1", "web"));

        assertThat(plan).singleElement().satisfies(p -> {
            assertThat(p.ifName()).isEqualTo("eth0");
            assertThat(p.clusterNetwork()).isTrue();
            assertThat(p.statusName()).isEqualTo("k8s-pod-network");
        });
    }

    @Test
    void givenSecondaries_whenPlanned_thenNamedNet1ToNetNInOrder() throws Exception {
        source.nad("ns1", "a", conf("a", "bridge")).nad("ns1", "b", conf("b", "macvlan")).nad("ns1", "c", conf("c", "ptp"));
        source.pod("ns1", "web", Map.of(NETWORKS, "a, b@data, c"));

        List<PlannedAttachment> plan = plan(cfg(""), source.podInfo("ns1", "web"));

        assertThat(plan).extracting(PlannedAttachment::ifName).containsExactly("eth0", "net1", "data", "net3");
        assertThat(plan).extracting(PlannedAttachment::statusName).containsExactly("k8s-pod-network", "ns1/a", "ns1/b", "ns1/c");
    }

    @Test
    void givenNadWithConflist_whenPlanned_thenAllPluginsAreKept() throws Exception {
        source.nad("ns1", "chain", "{\"cniVersion\":\"1.0.0\",\"name\":\"chain\",\"plugins\":[{\"type\":\"bridge\"},{\"type\":\"tuning\"}]}");
        source.pod("ns1", "web", Map.of(NETWORKS, "chain"));

        PlannedAttachment p = plan(cfg(""), source.podInfo("ns1", "web")).get(1);

        assertThat(p.config().plugins()).extracting(c -> c.type()).containsExactly("bridge", "tuning");
    }

    @Test
    void givenNadWithEmptyConfig_whenPlanned_thenTheConfDirFileOfThatNameIsUsed() throws Exception {
        source.nad("ns1", "fromfile", "");
        source.pod("ns1", "web", Map.of(NETWORKS, "fromfile"));

        PlannedAttachment p = plan(cfg(""), source.podInfo("ns1", "web")).get(1);

        assertThat(p.config().plugins()).singleElement().satisfies(c -> assertThat(c.type()).isEqualTo("ptp"));
    }

    @Test
    void givenUnknownNad_whenPlanned_thenCode7NamesIt() throws Exception {
        source.pod("ns1", "web", Map.of(NETWORKS, "nope"));

        assertThatThrownBy(() -> plan(cfg(""), source.podInfo("ns1", "web")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("ns1/nope");
                });
    }

    @Test
    void givenIsolationOn_whenPodUsesAnotherNamespacesNad_thenRefused() throws Exception {
        source.nad("other", "x", conf("x", "bridge"));
        source.pod("ns1", "web", Map.of(NETWORKS, "[{\"name\":\"x\",\"namespace\":\"other\"}]"));

        assertThatThrownBy(() -> plan(cfg(",\"namespaceIsolation\":true"), source.podInfo("ns1", "web")))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).contains("other/x").contains("isolation"));
    }

    @Test
    void givenIsolationOn_whenNadIsInAGlobalNamespace_thenAllowed() throws Exception {
        source.nad("shared", "x", conf("x", "bridge"));
        source.pod("ns1", "web", Map.of(NETWORKS, "shared/x"));

        List<PlannedAttachment> plan = plan(cfg(",\"namespaceIsolation\":true,\"globalNamespaces\":\"shared\""), source.podInfo("ns1", "web"));

        assertThat(plan).hasSize(2);
    }

    @Test
    void givenIsolationOff_whenPodUsesAnotherNamespacesNad_thenAllowed() throws Exception {
        source.nad("other", "x", conf("x", "bridge"));
        source.pod("ns1", "web", Map.of(NETWORKS, "other/x"));

        assertThat(plan(cfg(""), source.podInfo("ns1", "web"))).hasSize(2);
    }

    @Test
    void givenDefaultNetworks_whenPodIsNotInASystemNamespace_thenTheyComeFirst() throws Exception {
        source.nad("kube-system", "mgmt", conf("mgmt", "bridge")).nad("ns1", "a", conf("a", "ptp"));
        source.pod("ns1", "web", Map.of(NETWORKS, "a"));
        source.pod("kube-system", "dns", Map.of());
        DaemonConfig cfg = cfg(",\"defaultNetworks\":[\"mgmt\"]");

        assertThat(plan(cfg, source.podInfo("ns1", "web"))).extracting(PlannedAttachment::statusName)
                .containsExactly("k8s-pod-network", "kube-system/mgmt", "ns1/a");
        assertThat(plan(cfg, source.podInfo("kube-system", "dns"))).hasSize(1);
    }

    @Test
    void givenDefaultNetworkAnnotation_whenPlanned_thenItReplacesTheClusterNetwork() throws Exception {
        source.nad("kube-system", "alt", conf("alt", "ptp"));
        source.pod("ns1", "web", Map.of("v1.multus-cni.io/default-network", "kube-system/alt"));

        PlannedAttachment cluster = plan(cfg(""), source.podInfo("ns1", "web")).get(0);

        assertThat(cluster.statusName()).isEqualTo("kube-system/alt");
        assertThat(cluster.ifName()).isEqualTo("eth0");
        assertThat(cluster.clusterNetwork()).isTrue();
    }

    @Test
    void givenClusterNetworkByConfigName_whenPlanned_thenTheConfDirFileIsUsed() throws Exception {
        DaemonConfig cfg = ConfigParser.parse((ObjectNode) JSON.readTree(
                "{\"confDir\":\"" + confDir + "\",\"clusterNetwork\":\"fromfile\"}"), k -> { });

        assertThat(plan(cfg, null)).singleElement().satisfies(p -> assertThat(p.statusName()).isEqualTo("fromfile"));
    }

    @Test
    void givenClusterNetworkDirectory_whenPlanned_thenTheAlphabeticallyFirstConfigIsUsed() throws Exception {
        DaemonConfig cfg = ConfigParser.parse((ObjectNode) JSON.readTree(
                "{\"confDir\":\"" + confDir + "\",\"clusterNetwork\":\"" + confDir + "\"}"), k -> { });

        assertThat(plan(cfg, null).get(0).statusName()).isEqualTo("k8s-pod-network");
    }

    @Test
    void givenSelectionRequests_whenPlanned_thenRuntimeConfigCarriesThemByCapability() throws Exception {
        source.nad("ns1", "lan", conf("lan", "macvlan"));
        source.pod("ns1", "web", Map.of(NETWORKS, "[{\"name\":\"lan\",\"ips\":[\"10.1.1.5/24\"],\"mac\":\"02:00:00:00:00:01\","
                + "\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"}],"
                + "\"bandwidth\":{\"ingressRate\":1000,\"ingressBurst\":10},\"infiniband-guid\":\"c2:11:22:33:44:55:66:77\"}]"));

        RuntimeConfig rc = plan(cfg(""), source.podInfo("ns1", "web")).get(1).runtime();

        assertThat(rc.values()).containsOnlyKeys("ips", "mac", "portMappings", "bandwidth", "infinibandGUID");
        assertThat(rc.values().get("ips").get(0).asText()).isEqualTo("10.1.1.5/24");
        assertThat(rc.values().get("mac").asText()).isEqualTo("02:00:00:00:00:01");
        assertThat(rc.values().get("portMappings").get(0).path("hostPort").asInt()).isEqualTo(8080);
    }

    @Test
    void givenRequestedNameEqualsClusterInterface_whenPlanned_thenRefused() throws Exception {
        source.nad("ns1", "a", conf("a", "bridge"));
        source.pod("ns1", "web", Map.of(NETWORKS, "a@eth0"));

        assertThatThrownBy(() -> plan(cfg(""), source.podInfo("ns1", "web")))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).contains("eth0"));
    }

    @Test
    void givenNoPod_whenPlanned_thenClusterNetworkAndDefaultNetworksOnly() throws Exception {
        source.nad("kube-system", "mgmt", conf("mgmt", "bridge"));

        assertThat(plan(cfg(",\"defaultNetworks\":\"mgmt\""), null)).extracting(PlannedAttachment::ifName)
                .containsExactly("eth0", "net1");
    }
}
