package dev.manifold.daemon.source.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the daemon's Kubernetes client and finds the node it runs on. The daemon owns the client
 * it gets here and closes it; {@link KubernetesSource} only borrows it.
 */
public final class KubernetesClients {
    /** Multus thick reads its node name from this variable (set by the DaemonSet, downward API). */
    static final String MULTUS_NODE_NAME = "MULTUS_NODE_NAME";
    static final String NODE_NAME = "NODE_NAME";

    // fabric8 retries failed requests 10 times with a doubling backoff from 100 ms by default:
    // ~20 s before an unreachable API surfaces. Informer lists keep a little of that; the request
    // path does not retry at all (KubernetesSource derives a client without retries).
    private static final int RETRIES = 2;
    private static final int RETRY_INTERVAL_MS = 200;
    // Only the OkHttp client factory applies these (Vert.x, the default, does not throttle); its
    // default of 5 requests per host would queue concurrent ADDs' patches behind each other.
    private static final int MAX_CONCURRENT_REQUESTS = 64;

    private KubernetesClients() {
    }

    /**
     * A client for the cluster in {@code kubeconfig}, or, when there is none, for the cluster
     * fabric8 finds itself: in-cluster service account, then {@code $KUBECONFIG} and
     * {@code ~/.kube/config}. Connecting and each request are bounded by {@code requestTimeout}.
     *
     * @throws IllegalArgumentException when the kubeconfig cannot be read; the message names the
     *                                  file, never its content
     */
    public static KubernetesClient create(Optional<Path> kubeconfig, Duration requestTimeout) {
        Config config = kubeconfig.map(KubernetesClients::fromFile).orElseGet(() -> Config.autoConfigure(null));
        int timeoutMs = Math.toIntExact(requestTimeout.toMillis());
        config.setConnectionTimeout(timeoutMs);
        config.setRequestTimeout(timeoutMs);
        config.setRequestRetryBackoffLimit(RETRIES);
        config.setRequestRetryBackoffInterval(RETRY_INTERVAL_MS);
        config.setMaxConcurrentRequests(MAX_CONCURRENT_REQUESTS);
        config.setMaxConcurrentRequestsPerHost(MAX_CONCURRENT_REQUESTS);
        config.setUserAgent("manifold");
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The node this daemon serves: the configured {@code nodeName}, else {@code MULTUS_NODE_NAME}
     * or {@code NODE_NAME} from {@code env}, else the host name in lower case (what the kubelet
     * registers by default).
     */
    public static String nodeName(Optional<String> configured, Map<String, String> env) {
        return configured.filter(n -> !n.isBlank())
                .or(() -> nonBlank(env.get(MULTUS_NODE_NAME)))
                .or(() -> nonBlank(env.get(NODE_NAME)))
                .orElseGet(KubernetesClients::hostName);
    }

    private static Config fromFile(Path kubeconfig) {
        if (!Files.isReadable(kubeconfig)) {
            throw new IllegalArgumentException("kubeconfig " + kubeconfig + " is not a readable file");
        }
        try {
            return Config.fromKubeconfig(kubeconfig.toFile());
        } catch (RuntimeException e) {
            // A YAML error (SnakeYAML's own exception, not fabric8's) quotes the lines around it,
            // which may hold a token: neither the message nor the cause goes on.
            throw new IllegalArgumentException("cannot load kubeconfig " + kubeconfig + " (not a valid kubeconfig)");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new IllegalStateException("no nodeName configured, " + MULTUS_NODE_NAME + " and "
                    + NODE_NAME + " unset, and the host name is unreadable", e);
        }
    }
}
