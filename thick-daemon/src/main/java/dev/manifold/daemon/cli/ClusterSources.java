package dev.manifold.daemon.cli;

import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.standalone.StandaloneSource;

/** Picks where pods and NADs come from: {@code standaloneDir} if set, else Kubernetes. */
final class ClusterSources {
    private ClusterSources() {
    }

    static ClusterSource create(DaemonConfig cfg) {
        if (cfg.standaloneDir().isPresent()) {
            return new StandaloneSource(cfg.standaloneDir().get());
        }
        throw new IllegalStateException("Kubernetes source: TODO wire KubernetesSource");
    }
}
