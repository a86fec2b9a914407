package dev.manifold.daemon.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinitionBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon (socket, service, real plugins) while its Kubernetes API goes away, slows down and
 * comes back — through a proxy ({@link FlakyApi}) in front of the mock API server, reached with
 * the daemon's own client settings from a kubeconfig. An ADD that needs the API fails fast with
 * code 11 saying it is unreachable and attaches nothing; a DEL works from the record; the daemon
 * recovers without a restart. Each test prints how long the outcome took ("OUTAGE ...").
 */
@NetnsTest
class ApiOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "node-o";
    private static final KubernetesSource.Timeouts TIMEOUTS = new KubernetesSource.Timeouts(
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(2));
    /** How late the slow API answers: far beyond every deadline of the daemon. */
    private static final Duration API_DELAY = Duration.ofSeconds(30);
    /** Room for a loaded 2-core machine on top of the daemon's own deadlines. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private KubernetesMockServer api;
    private KubernetesClient admin;
    private FlakyApi proxy;
    private KubernetesClient daemonClient;
    private KubernetesSource source;
    private Daemon daemon;
    private final String bridge = "mfo" + Long.toHexString(System.nanoTime() & 0xfffff);
    private final String clusterBridge = "mfoc" + Long.toHexString(System.nanoTime() & 0xfffff);

    @BeforeEach
    void startApi() throws Exception {
        api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new NodeFieldSelectorDispatcher(), false);
        api.init();
        admin = api.createClient();
        proxy = new FlakyApi(api.getPort());
        Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                users: [{name: u, user: {token: mf-outage-token}}]
                """.formatted(proxy.url()));
        admin.resources(NetworkAttachmentDefinition.class).inNamespace("team").resource(new NetworkAttachmentDefinitionBuilder()
                .withNewMetadata().withName("data").withNamespace("team").endMetadata()
                .withNewSpec().withConfig("""
                        {"cniVersion":"1.0.0","name":"data","type":"bridge","bridge":"%s",
                         "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.224.0.0/24"}]]}}"""
                        .formatted(bridge, dir.resolve("ipam"))).endSpec().build()).create();
    }

    private void startDaemon() throws Exception {
        Path netd = Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(netd.resolve("10-cluster.conflist"), """
                {"cniVersion":"1.0.0","name":"cluster","plugins":[{"type":"bridge","bridge":"%s",
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.225.0.0/24"}]]}}]}"""
                .formatted(clusterBridge, dir.resolve("ipam")));
        ObjectNode raw = (ObjectNode) JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","binDir":"/usr/lib/cni","confDir":"%s","clusterNetwork":"%s","nodeName":"%s"}"""
                .formatted(dir.resolve("run"), dir.resolve("cache"), netd, netd.resolve("10-cluster.conflist"), NODE));
        daemonClient = KubernetesClients.create(Optional.of(dir.resolve("kubeconfig")), TIMEOUTS.request());
        source = new KubernetesSource(daemonClient, NODE, TIMEOUTS);
        daemon = new Daemon(ConfigParser.parse(raw, k -> { }), raw, source);
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
            daemonClient.close();
        }
        proxy.close();
        admin.close();
        api.destroy();
        Commands.succeeds("ip", "link", "del", bridge);
        Commands.succeeds("ip", "link", "del", clusterBridge);
    }

    private String createPod(String name) {
        return admin.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("team")
                        .addToAnnotations("k8s.v1.cni.cncf.io/networks", "data").endMetadata()
                        .withNewSpec().withNodeName(NODE).addNewContainer().withName("app").withImage("pause").endContainer().endSpec()
                        .build()).create().getMetadata().getUid();
    }

    private UnixHttp.Answer cni(String command, Netns netns, String pod) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "outage-" + pod);
        env.put("CNI_NETNS", netns.path().toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=team;K8S_POD_NAME=" + pod);
        return UnixHttp.cni(dir.resolve("run/multus.sock"), env,
                "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}");
    }

    private List<String> allocations() throws Exception {
        Path ipam = dir.resolve("ipam");
        if (!Files.isDirectory(ipam)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(ipam)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9.]+")).toList();
        }
    }

    private static JsonNode json(UnixHttp.Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    private static void report(String what, long startNanos) {
        System.out.println("OUTAGE " + what + ": " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
    }

    @Test
    void givenApiDown_whenAddForAPodTheCacheLacks_thenCode11SayingUnreachableAndNothingAttached(Netns netns) throws Exception {
        startDaemon();
        proxy.down();
        createPod("late");

        long start = System.nanoTime();
        UnixHttp.Answer add = cni("ADD", netns, "late");
        report("ADD, API down, pod not cached", start);

        assertThat(add.status()).isEqualTo(503);
        assertThat(json(add).path("code").asInt()).isEqualTo(11);
        assertThat(json(add).path("msg").asText()).contains("Kubernetes API unreachable").contains("team/late");
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
    }

    @Test
    void givenApiDownAfterThePodWasCached_whenAdd_thenCode11AndEverythingRolledBack(Netns netns) throws Exception {
        createPod("app");
        startDaemon();
        Awaitility.await("pod cached").atMost(Duration.ofSeconds(30)).until(() -> source.cached(new PodRef("team", "app")));
        proxy.down();

        long start = System.nanoTime();
        UnixHttp.Answer add = cni("ADD", netns, "app");
        report("ADD, API down, pod cached (status write retried, then rolled back)", start);

        assertThat(json(add).path("code").asInt()).isEqualTo(11);
        assertThat(json(add).path("msg").asText()).contains("Kubernetes API unreachable").contains("network-status");
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
    }

    @Test
    void givenAttachedPod_whenApiDownAndDel_thenDelSucceedsFromTheRecord(Netns netns) throws Exception {
        createPod("app");
        startDaemon();
        assertThat(cni("ADD", netns, "app").status()).isEqualTo(200);
        proxy.down();

        long start = System.nanoTime();
        UnixHttp.Answer del = cni("DEL", netns, "app");
        report("DEL, API down, from the record", start);

        assertThat(del.status()).as(del.body()).isEqualTo(200);
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
    }

    @Test
    void givenApiDownAtStart_whenItComesBack_thenTheCachesSyncAndAddsWorkWithoutARestart(Netns netns) throws Exception {
        proxy.down();
        createPod("app");
        startDaemon();
        assertThat(source.ready()).isFalse();
        assertThat(json(cni("ADD", netns, "app")).path("code").asInt()).isEqualTo(11);

        proxy.up();
        long start = System.nanoTime();
        Awaitility.await("caches synced after the API came back").atMost(Duration.ofMinutes(2))
                .until(() -> source.ready() && source.cached(new PodRef("team", "app")));
        report("API back: caches synced (informers retrying)", start);

        UnixHttp.Answer add = cni("ADD", netns, "app");
        assertThat(add.status()).as(add.body()).isEqualTo(200);
        assertThat(netns.linkNames()).contains("eth0", "net1");
    }

    @Test
    void givenApiDownForAWhile_whenItComesBack_thenAPodCreatedMeanwhileReachesTheCache(Netns netns) throws Exception {
        startDaemon();
        proxy.down();
        createPod("during");

        proxy.up();
        long start = System.nanoTime();
        Awaitility.await("pod created during the outage cached").atMost(Duration.ofMinutes(2))
                .until(() -> source.cached(new PodRef("team", "during")));
        report("API back: pod created during the outage in the cache (watch re-established)", start);

        long reads = source.apiCounters().reads();
        assertThat(cni("ADD", netns, "during").status()).isEqualTo(200);
        assertThat(source.apiCounters().reads()).as("the ADD was served from the cache").isEqualTo(reads);
    }

    @Test
    void givenSlowApi_whenAddForAPodTheCacheLacks_thenCode11SayingTheApiTimedOutWithinTheRequestDeadline(Netns netns)
            throws Exception {
        startDaemon();
        proxy.slow(API_DELAY);
        createPod("slow");

        long start = System.nanoTime();
        UnixHttp.Answer add = cni("ADD", netns, "slow");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        report("ADD, API answering after 30 s, request deadline 2 s", start);

        assertThat(add.status()).isEqualTo(503);
        assertThat(json(add).path("code").asInt()).isEqualTo(11);
        assertThat(json(add).path("msg").asText())
                .startsWith("Kubernetes API unreachable while reading pod team/slow: ")
                .containsIgnoringCase("timeout");
        assertThat(took).as("fails fast: one GET with the request deadline, not the API's 30 s")
                .isLessThan(TIMEOUTS.request().plus(MARGIN));
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
    }

    /**
     * The pod and its NAD are in the caches, so the ADD reads nothing from the slow API; its one
     * API call is the network-status patch, which cannot get through: code 11 within the publish
     * budget and one request deadline, everything rolled back, no record left.
     */
    @Test
    void givenSlowApiAfterThePodWasCached_whenAdd_thenNoReadButTheStatusPatchTimesOutCode11AndRolledBack(Netns netns)
            throws Exception {
        createPod("app");
        startDaemon();
        Awaitility.await("pod cached").atMost(Duration.ofSeconds(30)).until(() -> source.cached(new PodRef("team", "app")));
        proxy.slow(API_DELAY);
        KubernetesSource.ApiCounters before = source.apiCounters();

        long start = System.nanoTime();
        UnixHttp.Answer add = cni("ADD", netns, "app");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        report("ADD, API answering after 30 s, pod cached (status patch timed out, rolled back)", start);

        assertThat(add.status()).isEqualTo(503);
        assertThat(json(add).path("code").asInt()).isEqualTo(11);
        assertThat(json(add).path("msg").asText())
                .startsWith("Kubernetes API unreachable while writing network-status of pod team/app: ")
                .containsIgnoringCase("timeout");
        assertThat(took).as("fails fast: the publish budget and one request deadline, not the API's 30 s")
                .isLessThan(TIMEOUTS.publish().plus(TIMEOUTS.request()).plus(MARGIN));
        KubernetesSource.ApiCounters after = source.apiCounters();
        assertThat(after.reads()).as("API reads on the ADD path: pod and NAD came from the caches").isEqualTo(before.reads());
        assertThat(after.writes()).as("status patch attempts").isGreaterThan(before.writes());
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(allocations()).isEmpty();
        assertThat(records()).isEmpty();
    }

    private List<String> records() throws Exception {
        Path attachments = dir.resolve("cache/attachments");
        if (!Files.isDirectory(attachments)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(attachments)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
