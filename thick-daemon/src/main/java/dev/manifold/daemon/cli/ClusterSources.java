package dev.manifold.daemon.cli;

import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.kubernetes.KubernetesClients;
import dev.manifold.daemon.source.kubernetes.KubernetesSource;
import dev.manifold.daemon.source.standalone.StandaloneSource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;

/** Picks where pods and NADs come from: {@code standaloneDir} if set, else Kubernetes. */
final class ClusterSources {
    /** Deadline of one API call on the request path. */
    static final Duration API_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private ClusterSources() {
    }

    /**
     * @param owned receives what the caller must close after the source (the API client, which
     *              the source only borrows)
     */
    static ClusterSource create(DaemonConfig cfg, java.util.List<AutoCloseable> owned) {
        if (cfg.standaloneDir().isPresent()) {
            return new StandaloneSource(cfg.standaloneDir().get());
        }
        KubernetesClient client = KubernetesClients.create(cfg.kubeconfig(), API_REQUEST_TIMEOUT);
        String node = KubernetesClients.nodeName(cfg.nodeName(), System.getenv());
        owned.add(client);
        return new KubernetesSource(client, node);
    }
}
