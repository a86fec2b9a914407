package dev.manifold.daemon.source;

import java.util.Objects;

/** A pod's identity as CNI_ARGS gives it (K8S_POD_NAMESPACE / K8S_POD_NAME). */
public record PodRef(String namespace, String name) {
    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (namespace.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("pod namespace and name must not be empty");
        }
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
