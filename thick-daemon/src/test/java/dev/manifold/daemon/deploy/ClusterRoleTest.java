package dev.manifold.daemon.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.kubernetes.KubernetesClients;
import dev.manifold.daemon.source.kubernetes.KubernetesSource;
import dev.manifold.testkit.FakePlugins;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinitionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ClusterRole of {@code deploy/manifold.yaml} grants exactly what the daemon uses. A whole
 * daemon, built as {@code manifold daemon} builds it (client from a kubeconfig, Kubernetes source,
 * fake delegate plugins), goes through ADD, CHECK and DEL against a recording API server, including
 * the paths that reach the API beyond the caches: pods and NADs missing from the cache, a stale pod
 * UID, a NAD that does not exist. Every request it made (told from the test's own by its
 * User-Agent) is mapped to the permission the API server would check.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterRoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "node-a";
    /** KubernetesClients sets it on the daemon's client. */
    private static final String DAEMON_USER_AGENT = "manifold";

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    static Path dir;

    private static final Set<ApiPermission> used = new TreeSet<>(ClusterRoleTest::compare);
    private static final List<String> nonResourceCalls = new ArrayList<>();
    private static final List<Integer> answers = new ArrayList<>();

    @BeforeAll
    static void runTheDaemonThroughAddCheckAndDel() throws Exception {
        createClusterObjects();
        try (KubernetesClient daemonClient = KubernetesClients.create(Optional.of(kubeconfig()), Duration.ofSeconds(5))) {
            ObjectNode config = daemonConfig();
            KubernetesSource source = new KubernetesSource(daemonClient, NODE, new KubernetesSource.Timeouts(
                    Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5)));
            Daemon daemon = new Daemon(ConfigParser.parse(config, key -> { }), config, source);
            daemon.start();
            try {
                String uid = client.pods().inNamespace("team").withName("app").get().getMetadata().getUid();
                answers.add(cni("ADD", "app", uid));
                answers.add(cni("CHECK", "app", uid));
                answers.add(cni("ADD", "stale", "uid-of-a-deleted-pod"));
                answers.add(cni("ADD", "lost", client.pods().inNamespace("team").withName("lost").get().getMetadata().getUid()));
                answers.add(cni("DEL", "app", uid));
            } finally {
                // Also sends the queued events before it returns.
                daemon.close();
            }
        }
        recordDaemonRequests();
    }

    @AfterAll
    static void clear() {
        used.clear();
        nonResourceCalls.clear();
        answers.clear();
    }

    private static void createClusterObjects() {
        client.resources(io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition.class)
                .inNamespace("team").resource(new NetworkAttachmentDefinitionBuilder()
                        .withNewMetadata().withName("data").withNamespace("team").endMetadata()
                        .withNewSpec().withConfig("{\"cniVersion\":\"1.0.0\",\"name\":\"data\",\"type\":\"recorder\"}")
                        .endSpec().build()).create();
        for (String[] pod : new String[][] {{"app", "data"}, {"stale", "data"}, {"lost", "absent"}}) {
            client.pods().inNamespace("team").resource(new PodBuilder()
                    .withNewMetadata().withName(pod[0]).withNamespace("team")
                    .addToAnnotations("k8s.v1.cni.cncf.io/networks", pod[1]).endMetadata()
                    .withNewSpec().withNodeName(NODE).addNewContainer().withName("app").withImage("pause").endContainer()
                    .endSpec().build()).create();
        }
    }

    private static Path kubeconfig() throws Exception {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: daemon, user: {token: not-checked}}]
                contexts: [{name: mock, context: {cluster: mock, user: daemon}}]
                current-context: mock
                """.formatted(client.getMasterUrl()));
    }

    private static ObjectNode daemonConfig() throws Exception {
        Path bin = dir.resolve("bin");
        FakePlugins.install(bin, "recorder");
        Path netd = Files.createDirectories(dir.resolve("net.d"));
        Path cluster = Files.writeString(netd.resolve("10-cluster.conflist"),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"cluster\",\"plugins\":[{\"type\":\"recorder\"}]}");
        Files.writeString(dir.resolve("netns"), "");
        ObjectNode config = JSON.createObjectNode();
        config.put("socketDir", dir.resolve("run").toString());
        config.put("cniDir", dir.resolve("cache").toString());
        config.put("binDir", bin.toString());
        config.put("confDir", netd.toString());
        config.put("clusterNetwork", cluster.toString());
        config.put("nodeName", NODE);
        return config;
    }

    private static int cni(String command, String pod, String uid) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "ctr-" + pod);
        env.put("CNI_NETNS", dir.resolve("netns").toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", dir.resolve("bin").toString());
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=team;K8S_POD_NAME=" + pod + ";K8S_POD_UID=" + uid);
        return UnixHttp.cni(dir.resolve("run/multus.sock"), env,
                "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}").status();
    }

    /** Takes every request the server recorded (the test's own too, then left out). */
    private static void recordDaemonRequests() throws InterruptedException {
        int count = server.getRequestCount();
        for (int i = 0; i < count; i++) {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            if (request == null) {
                break;
            }
            String agent = request.getHeader("User-Agent");
            if (agent == null || !agent.startsWith(DAEMON_USER_AGENT)) {
                continue;
            }
            ApiPermission.of(request.getMethod(), request.getPath()).ifPresentOrElse(used::add,
                    () -> nonResourceCalls.add(request.getMethod() + " " + request.getPath()));
        }
    }

    private static Set<ApiPermission> granted() {
        return Manifests.deployed(ClusterRole.class).getRules().stream().flatMap(ApiPermission::grantedBy)
                .collect(Collectors.toCollection(() -> new TreeSet<>(ClusterRoleTest::compare)));
    }

    private static int compare(ApiPermission a, ApiPermission b) {
        return a.toString().compareTo(b.toString());
    }

    @Test
    void givenTheCycle_whenItRan_thenEveryRequestGotTheAnswerThatTakesItsPath() {
        // ADD 200, CHECK 200, stale UID: code 3 (400), missing NAD: code 7 (400), DEL 200
        assertThat(answers).containsExactly(200, 200, 400, 400, 200);
    }

    @Test
    void givenTheDaemonsRequests_whenComparedWithTheClusterRole_thenEachIsGranted() {
        assertThat(granted()).containsAll(used);
    }

    @Test
    void givenTheClusterRole_whenComparedWithTheDaemonsRequests_thenEachGrantIsUsed() {
        assertThat(used).containsAll(granted());
    }

    @Test
    void givenTheDaemonsRequests_whenSorted_thenNoneIsOutsideTheResourceApi() {
        // Non-resource URLs (/version, discovery) need a nonResourceURLs rule the role lacks.
        assertThat(nonResourceCalls).isEmpty();
    }

    @Test
    void givenTheClusterRole_whenRead_thenItHasNoWildcard() {
        List<PolicyRule> rules = Manifests.deployed(ClusterRole.class).getRules();

        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*");
            assertThat(rule.getVerbs()).doesNotContain("*");
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        });
    }

    @Test
    void givenTheBinding_whenRead_thenItGivesTheRoleToTheDaemonSetsServiceAccount() {
        ClusterRoleBinding binding = Manifests.deployed(ClusterRoleBinding.class);
        DaemonSet daemonSet = Manifests.deployed(DaemonSet.class);

        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(Manifests.deployed(ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ServiceAccount",
                        daemonSet.getSpec().getTemplate().getSpec().getServiceAccountName(),
                        daemonSet.getMetadata().getNamespace()));
    }
}
