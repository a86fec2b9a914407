package dev.manifold.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Where the daemon under test finds pods and NADs: the standalone store or a Kubernetes API
 * (fabric8's mock server). Pods and NADs are created before the daemon starts, as on a node
 * where they exist before their sandboxes are set up.
 */
sealed interface PodSource extends AutoCloseable permits StandaloneStore, MockCluster {
    String label();

    void nad(String namespace, String name, String config);

    /**
     * A pod on this node asking for {@code networks} (null: none).
     *
     * @return its UID
     */
    String pod(String namespace, String name, String networks);

    /** Makes what was created visible to a daemon (the standalone store writes its files). */
    void publish();

    /** Adds this source's keys to the daemon config. */
    void configure(ObjectNode daemonConfig);

    /** Requests the daemon made to the API so far, when there is an API. */
    Optional<ApiCounts> apiCounts();

    @Override
    void close();
}
