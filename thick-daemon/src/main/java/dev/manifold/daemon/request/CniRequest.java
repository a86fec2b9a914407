package dev.manifold.daemon.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.selection.Dns1123;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniVersion;

import java.util.Optional;

/**
 * One validated request from the shim: the runtime's CNI environment and the config it gave the
 * shim on stdin (normally {@code 00-multus.conf}). Build with {@link RequestParser}.
 *
 * @param containerId empty only for GC and STATUS
 * @param netns       empty for DEL without a namespace, GC and STATUS
 * @param ifName      empty only for GC and STATUS
 * @param config      the forwarded config as a JSON object
 * @param cniVersion  the config's version: the reply's version
 */
public record CniRequest(CniCommand command, Optional<String> containerId, Optional<String> netns,
                         Optional<String> ifName, CniArgs args, String cniPath, ObjectNode config,
                         CniVersion cniVersion) {

    /**
     * The pod named in CNI_ARGS, if both K8S_POD_NAMESPACE and K8S_POD_NAME are there and are
     * Kubernetes names (a DNS-1123 label and subdomain). Invalid ones name no pod: the parser
     * refuses them for ADD and CHECK ({@link #podProblem}), and a DEL must not fail forever on them.
     */
    public Optional<PodRef> pod() {
        Optional<String> ns = args.get("K8S_POD_NAMESPACE");
        Optional<String> name = args.get("K8S_POD_NAME");
        return ns.isPresent() && name.isPresent() && podProblem(args) == null
                ? Optional.of(new PodRef(ns.get(), name.get())) : Optional.empty();
    }

    /**
     * Why the pod identity in {@code args} cannot name a pod, or {@code null} when it can (or is
     * absent). Checked because these values become file names (standalone status) and API paths.
     */
    static String podProblem(CniArgs args) {
        String problem = args.get("K8S_POD_NAMESPACE").map(Dns1123::labelProblem).orElse(null);
        if (problem != null) {
            return "K8S_POD_NAMESPACE in CNI_ARGS " + problem;
        }
        problem = args.get("K8S_POD_NAME").map(Dns1123::subdomainProblem).orElse(null);
        return problem == null ? null : "K8S_POD_NAME in CNI_ARGS " + problem;
    }

    public Optional<String> podUid() {
        return args.get("K8S_POD_UID");
    }

    /** The container id; only call for ADD, DEL and CHECK, where the parser guarantees one. */
    public String requireContainerId() {
        return containerId.orElseThrow();
    }

    /** The plugin environment for a delegate attached on {@code delegateIfName}. */
    public PluginCall pluginCall(String delegateIfName) {
        return new PluginCall(requireContainerId(), netns, delegateIfName, args);
    }
}
