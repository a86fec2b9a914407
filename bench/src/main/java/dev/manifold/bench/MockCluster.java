package dev.manifold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinitionBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API for the daemon: fabric8's mock server in CRUD mode on loopback, counting every
 * request the daemon makes (told apart from the benchmark's own by the daemon's User-Agent,
 * {@code manifold}). Like a real API server it filters pods by {@code spec.nodeName}, which the
 * mock cannot: pods get a label naming their node when created, and a node field selector
 * becomes a selector on that label.
 */
final class MockCluster implements PodSource {
    static final String NODE = "bench-node";
    private static final String NODE_LABEL = "bench.manifold.dev/node";

    private final Path kubeconfig;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final CountingDispatcher dispatcher = new CountingDispatcher();

    MockCluster(Path dir) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        kubeconfig = dir.resolve("kubeconfig");
        BenchNode.write(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "http://%s:%d"}}]
                users: [{name: daemon, user: {token: bench}}]
                contexts: [{name: mock, context: {cluster: mock, user: daemon, namespace: default}}]
                current-context: mock
                """.formatted(server.getHostName(), server.getPort()));
    }

    @Override
    public String label() {
        return "Kubernetes (mock API)";
    }

    @Override
    public void nad(String namespace, String name, String config) {
        client.resources(NetworkAttachmentDefinition.class).inNamespace(namespace).resource(new NetworkAttachmentDefinitionBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withConfig(config).endSpec().build()).create();
    }

    @Override
    public String pod(String namespace, String name, String networks) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("app").withImage("pause").endContainer().endSpec();
        if (networks != null) {
            pod.editMetadata().addToAnnotations("k8s.v1.cni.cncf.io/networks", networks).endMetadata();
        }
        Pod created = client.pods().inNamespace(namespace).resource(pod.build()).create();
        return created.getMetadata().getUid();
    }

    @Override
    public void publish() {
        // the API holds them already
    }

    @Override
    public void configure(ObjectNode daemonConfig) {
        daemonConfig.put("kubeconfig", kubeconfig.toString());
        daemonConfig.put("nodeName", NODE);
    }

    @Override
    public Optional<ApiCounts> apiCounts() {
        return Optional.of(dispatcher.counts());
    }

    /** The pod's network-status annotation, or null. */
    String networkStatus(String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        return pod == null || pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get("k8s.v1.cni.cncf.io/network-status");
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /** CRUD answers, node field selectors, and the daemon's requests counted by kind. */
    private static final class CountingDispatcher extends KubernetesCrudDispatcher {
        private static final Pattern NODE_FIELD = Pattern.compile("fieldSelector=spec\\.nodeName%3D([^&]*)");
        private static final Pattern POD_COLLECTION = Pattern.compile("/api/v1/namespaces/[^/]+/pods/?(\\?.*)?");
        private static final Pattern ONE_OBJECT = Pattern.compile("/apis?/.*/namespaces/[^/]+/[^/?]+/[^/?]+(\\?.*)?");
        private static final ObjectMapper JSON = new ObjectMapper();

        private final LongAdder reads = new LongAdder();
        private final LongAdder informer = new LongAdder();
        private final LongAdder patches = new LongAdder();
        private final LongAdder events = new LongAdder();
        private final LongAdder otherWrites = new LongAdder();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String agent = request.getHeader("User-Agent");
            if (agent != null && agent.startsWith("manifold")) {
                count(request);
            }
            return super.dispatch(withNodeLabel(request));
        }

        ApiCounts counts() {
            return new ApiCounts(reads.sum(), informer.sum(), patches.sum(), events.sum(), otherWrites.sum());
        }

        private void count(RecordedRequest request) {
            String path = request.getPath();
            HttpMethod method = request.method();
            if (method == HttpMethod.GET) {
                (ONE_OBJECT.matcher(path).matches() && !path.contains("watch=") ? reads : informer).increment();
            } else if (method == HttpMethod.PATCH && path.contains("/pods/")) {
                patches.increment();
            } else if (method == HttpMethod.POST && path.contains("/events")) {
                events.increment();
            } else {
                otherWrites.increment();
            }
        }

        private static RecordedRequest withNodeLabel(RecordedRequest request) {
            String path = request.getPath();
            Matcher field = NODE_FIELD.matcher(path);
            if (field.find()) {
                String label = URLEncoder.encode(NODE_LABEL + "=", StandardCharsets.UTF_8) + field.group(1);
                path = field.replaceFirst(Matcher.quoteReplacement("labelSelector=" + label));
            }
            Buffer body = request.getBody();
            if (request.method() == HttpMethod.POST && POD_COLLECTION.matcher(path).matches()) {
                body = new Buffer(labelled(request.getUtf8Body()));
            }
            return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(), body);
        }

        private static byte[] labelled(String podJson) {
            try {
                ObjectNode pod = (ObjectNode) JSON.readTree(podJson);
                JsonNode node = pod.path("spec").path("nodeName");
                if (!node.isMissingNode() && !node.isNull()) {
                    pod.withObjectProperty("metadata").withObjectProperty("labels").put(NODE_LABEL, node.asText());
                }
                return JSON.writeValueAsBytes(pod);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
