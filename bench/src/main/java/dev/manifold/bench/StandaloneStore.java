package dev.manifold.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The standalone store: all pods in one multi-document manifest and all NADs in another, so
 * that the daemon parses the store once and afterwards only checks that nothing changed.
 */
final class StandaloneStore implements PodSource {
    private final Path dir;
    private final StringBuilder pods = new StringBuilder();
    private final StringBuilder nads = new StringBuilder();

    StandaloneStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public String label() {
        return "standalone";
    }

    @Override
    public void nad(String namespace, String name, String config) {
        nads.append("""
                ---
                apiVersion: k8s.cni.cncf.io/v1
                kind: NetworkAttachmentDefinition
                metadata: {name: %s, namespace: %s}
                spec:
                  config: '%s'
                """.formatted(name, namespace, config.replace("'", "''").replace("\n", " ")));
    }

    @Override
    public String pod(String namespace, String name, String networks) {
        String uid = UUID.randomUUID().toString();
        String annotations = networks == null ? "{}" : "{k8s.v1.cni.cncf.io/networks: '" + networks + "'}";
        pods.append("""
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: %s, uid: %s, annotations: %s}
                spec: {nodeName: bench-node, containers: [{name: app, image: pause}]}
                """.formatted(name, namespace, uid, annotations));
        return uid;
    }

    @Override
    public void publish() {
        BenchNode.write(dir.resolve("nads.yaml"), nads.toString());
        BenchNode.write(dir.resolve("pods.yaml"), pods.toString());
    }

    @Override
    public void configure(ObjectNode daemonConfig) {
        daemonConfig.put("standaloneDir", dir.toString());
    }

    @Override
    public Optional<ApiCounts> apiCounts() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // files go with the node's folder
    }
}
