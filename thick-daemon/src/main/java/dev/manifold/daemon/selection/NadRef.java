package dev.manifold.daemon.selection;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a NetworkAttachmentDefinition: a namespace (a DNS-1123 label) and a name (a
 * DNS-1123 subdomain), the rules Kubernetes applies to the objects themselves — so every
 * NadRef could name an object that exists. Prints as {@code namespace/name}, the form of the
 * network-status {@code name}.
 *
 * @throws CniException code 7 (invalid network config) naming the bad part
 */
public record NadRef(String namespace, String name) {
    public NadRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        String problem = Dns1123.labelProblem(namespace);
        if (problem != null) {
            throw invalid("namespace", namespace, problem);
        }
        problem = Dns1123.subdomainProblem(name);
        if (problem != null) {
            throw invalid("name", name, problem);
        }
    }

    /**
     * Reads {@code namespace/name}, or {@code name} meaning {@code defaultNamespace/name}. Nothing
     * is trimmed.
     *
     * @throws CniException code 7 when {@code value} is neither form or a part is invalid
     */
    public static NadRef parse(String value, String defaultNamespace) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return new NadRef(defaultNamespace, value);
        }
        if (value.indexOf('/', slash + 1) >= 0) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "invalid network reference \""
                    + Echo.brief(value) + "\": too many \"/\" (want [namespace/]name)");
        }
        return new NadRef(value.substring(0, slash), value.substring(slash + 1));
    }

    /**
     * As {@link #parse}, but empty instead of an exception — for values that may name something
     * other than a NAD (a config file's {@code name}, a path).
     */
    public static Optional<NadRef> tryParse(String value, String defaultNamespace) {
        try {
            return Optional.of(parse(value, defaultNamespace));
        } catch (CniException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    private static CniException invalid(String part, String value, String problem) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                "invalid network " + part + " \"" + Echo.brief(value) + "\": " + problem);
    }
}
