package dev.manifold.daemon.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The pod named in CNI_ARGS, if both K8S_POD_NAMESPACE and K8S_POD_NAME are there. */
    public Optional<PodRef> pod() {
        Optional<String> ns = args.get("K8S_POD_NAMESPACE");
        Optional<String> name = args.get("K8S_POD_NAME");
        return ns.isPresent() && name.isPresent() ? Optional.of(new PodRef(ns.get(), name.get())) : Optional.empty();
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
