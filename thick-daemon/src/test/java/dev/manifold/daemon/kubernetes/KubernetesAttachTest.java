package dev.manifold.daemon.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.kubernetes.KubernetesSource;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinitionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon against the Kubernetes API (fabric8 mock server in CRUD mode) with the real plugins:
 * NADs and pods created as a user would, the network-status annotation written on ADD and
 * cleared on DEL, a stale pod UID refused, and DEL after the NAD was deleted.
 */
@NetnsTest
@EnableKubernetesMockClient(crud = true)
class KubernetesAttachTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "node-a";

    static KubernetesClient client;

    @TempDir
    Path dir;

    private Daemon daemon;
    private final String bridge = "mfk" + Long.toHexString(System.nanoTime() & 0xfffff);
    private final String clusterBridge = "mfkc" + Long.toHexString(System.nanoTime() & 0xfffff);

    @BeforeEach
    void startDaemon() throws Exception {
        Path netd = Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(netd.resolve("10-cluster.conflist"), """
                {"cniVersion":"1.0.0","name":"cluster","plugins":[{"type":"bridge","bridge":"%s","isGateway":true,
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.220.0.0/24"}]]}}]}"""
                .formatted(clusterBridge, dir.resolve("ipam")));
        ObjectNode raw = (ObjectNode) JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","binDir":"/usr/lib/cni","confDir":"%s",
                 "clusterNetwork":"%s","namespaceIsolation":true,"nodeName":"%s"}"""
                .formatted(dir.resolve("run"), dir.resolve("cache"), netd, netd.resolve("10-cluster.conflist"), NODE));
        KubernetesSource source = new KubernetesSource(client, NODE, new KubernetesSource.Timeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        daemon = new Daemon(ConfigParser.parse(raw, k -> { }), raw, source);
        daemon.start();

        client.resources(NetworkAttachmentDefinition.class).inNamespace("team").resource(new NetworkAttachmentDefinitionBuilder()
                .withNewMetadata().withName("data").withNamespace("team").endMetadata()
                .withNewSpec().withConfig("""
                        {"cniVersion":"1.0.0","name":"data","type":"bridge","bridge":"%s",
                         "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.221.0.0/24"}]]}}"""
                        .formatted(bridge, dir.resolve("ipam"))).endSpec().build()).create();
    }

    @AfterEach
    void stop() {
        daemon.close();
        client.pods().inNamespace("team").delete();
        client.resources(NetworkAttachmentDefinition.class).inNamespace("team").delete();
        Commands.succeeds("ip", "link", "del", bridge);
        Commands.succeeds("ip", "link", "del", clusterBridge);
    }

    /** Creates the pod as a user would; returns the UID the API server gave it. */
    private String createPod(String name) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("team")
                .addToAnnotations("k8s.v1.cni.cncf.io/networks", "data").endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("app").withImage("pause").endContainer().endSpec()
                .build();
        return client.pods().inNamespace("team").resource(pod).create().getMetadata().getUid();
    }

    private UnixHttp.Answer cni(String command, Netns netns, String pod, String uid) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "k8s-" + pod);
        env.put("CNI_NETNS", netns.path().toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/opt/cni/bin");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=team;K8S_POD_NAME=" + pod + ";K8S_POD_UID=" + uid);
        return UnixHttp.cni(dir.resolve("run/multus.sock"), env,
                "{\"cniVersion\":\"0.4.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}");
    }

    private String statusAnnotation(String pod) {
        Map<String, String> annotations = client.pods().inNamespace("team").withName(pod).get().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("k8s.v1.cni.cncf.io/network-status");
    }

    private List<String> allocations() throws Exception {
        Path ipam = dir.resolve("ipam");
        if (!Files.isDirectory(ipam)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(ipam)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9.]+")).toList();
        }
    }

    @Test
    void givenAnnotatedPod_whenAdd_thenItsNetworkStatusListsEveryAttachment(Netns netns) throws Exception {
        String uid = createPod("app");

        UnixHttp.Answer add = cni("ADD", netns, "app", uid);

        assertThat(add.status()).as(add.body()).isEqualTo(200);
        assertThat(JSON.readTree(add.body()).path("Result").path("cniVersion").asText()).isEqualTo("0.4.0");
        JsonNode status = JSON.readTree(statusAnnotation("app"));
        assertThat(status).hasSize(2);
        assertThat(status.get(0).path("name").asText()).isEqualTo("cluster");
        assertThat(status.get(0).path("default").asBoolean()).isTrue();
        assertThat(status.get(1).path("name").asText()).isEqualTo("team/data");
        assertThat(status.get(1).path("interface").asText()).isEqualTo("net1");
        assertThat(status.get(1).path("ips").get(0).asText()).startsWith("10.221.0.");
        assertThat(netns.ipv4Addresses("net1")).singleElement().asString().startsWith("10.221.0.");
    }

    @Test
    void givenPodUidThatDiffersFromTheRequest_whenAdd_thenRefusedWithCode3(Netns netns) throws Exception {
        String uid = createPod("app");

        UnixHttp.Answer add = cni("ADD", netns, "app", uid + "-of-a-deleted-pod");

        assertThat(add.status()).isEqualTo(400);
        assertThat(JSON.readTree(add.body()).path("code").asInt()).isEqualTo(3);
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
    }

    @Test
    void givenNadDeletedAfterAdd_whenDel_thenEverythingIsStillReleased(Netns netns) throws Exception {
        String uid = createPod("app");
        assertThat(cni("ADD", netns, "app", uid).status()).isEqualTo(200);
        assertThat(allocations()).hasSize(2);
        client.resources(NetworkAttachmentDefinition.class).inNamespace("team").withName("data").delete();

        UnixHttp.Answer del = cni("DEL", netns, "app", uid);
        UnixHttp.Answer again = cni("DEL", netns, "app", uid);

        assertThat(del.status()).as(del.body()).isEqualTo(200);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
        assertThat(statusAnnotation("app")).isNull();
    }

    @Test
    void givenPodDeletedBeforeDel_whenDel_thenSucceedsFromTheRecord(Netns netns) throws Exception {
        String uid = createPod("app");
        assertThat(cni("ADD", netns, "app", uid).status()).isEqualTo(200);
        client.pods().inNamespace("team").withName("app").delete();

        UnixHttp.Answer del = cni("DEL", netns, "app", uid);

        assertThat(del.status()).as(del.body()).isEqualTo(200);
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
    }
}
