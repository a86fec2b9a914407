package dev.manifold.daemon.resolve;

import dev.manifold.crds.Annotations;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.request.InterfaceNames;
import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.selection.NetworkSelection;
import dev.manifold.daemon.selection.NetworkSelections;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodInfo;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what to attach to a pod (DESIGN "ADD" steps 4–5): the cluster network on the request's
 * interface, then {@code defaultNetworks} (not in {@code systemNamespaces}), then the pod's
 * {@code k8s.v1.cni.cncf.io/networks}, each resolved to its delegate config with its runtime
 * config. Pure decision: runs nothing.
 */
public final class NetworkPlanner {
    private final ClusterSource source;
    /** Config files parsed once per change, not per request. */
    private final ConfDir files = new ConfDir();

    public NetworkPlanner(ClusterSource source) {
        this.source = source;
    }

    /**
     * @param pod            empty when the request names no pod (e.g. podman without Kubernetes):
     *                       the cluster network and {@code defaultNetworks} only
     * @param clusterIfName  the request's CNI_IFNAME
     * @param clusterRuntime the runtime config the runtime gave this meta-plugin (portMappings …),
     *                       passed on to the cluster network
     * @throws CniException code 7 naming the network for an unknown NAD, an isolation violation,
     *         a malformed annotation or an invalid/colliding interface name
     */
    public List<PlannedAttachment> plan(DaemonConfig cfg, Optional<PodInfo> pod, String clusterIfName,
                                        RuntimeConfig clusterRuntime) {
        List<PlannedAttachment> plan = new ArrayList<>();
        plan.add(clusterNetwork(cfg, pod, clusterIfName, clusterRuntime));
        List<NetworkSelection> secondaries = new ArrayList<>();
        String podNamespace = pod.map(p -> p.ref().namespace()).orElse(cfg.multusNamespace());
        if (pod.isEmpty() || cfg.getsDefaultNetworks(podNamespace)) {
            for (String name : cfg.defaultNetworks()) {
                secondaries.add(NetworkSelection.of(NadRef.parse(name, cfg.multusNamespace())));
            }
        }
        int fromAnnotation = secondaries.size();
        pod.flatMap(p -> p.annotation(Annotations.NETWORKS))
                .ifPresent(value -> secondaries.addAll(NetworkSelections.parse(value, podNamespace)));
        if (secondaries.size() > NetworkSelections.MAX_NETWORKS) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "pod asks for " + secondaries.size()
                    + " secondary networks (defaultNetworks and annotation); at most " + NetworkSelections.MAX_NETWORKS + " are allowed");
        }
        List<String> ifNames = NetworkSelections.assignInterfaceNames(secondaries);
        for (int i = 0; i < secondaries.size(); i++) {
            NetworkSelection sel = secondaries.get(i);
            boolean adminChosen = i < fromAnnotation;
            if (!adminChosen) {
                checkIsolation(cfg, podNamespace, sel.nad());
            }
            String ifName = ifNames.get(i);
            if (ifName.equals(clusterIfName)) {
                throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "network " + sel.nad()
                        + ": interface \"" + ifName + "\" is the cluster network's interface");
            }
            plan.add(secondary(cfg, sel, ifName));
        }
        return plan;
    }

    /** The cluster network alone, for DEL/STATUS without a pod. */
    public PlannedAttachment clusterNetworkOnly(DaemonConfig cfg, String clusterIfName, RuntimeConfig runtime) {
        return clusterNetwork(cfg, Optional.empty(), clusterIfName, runtime);
    }

    private PlannedAttachment secondary(DaemonConfig cfg, NetworkSelection sel, String ifName) {
        String problem = InterfaceNames.problem(ifName);
        if (problem != null) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "network " + sel.nad() + ": interface name \""
                    + ifName + "\" " + problem);
        }
        NetConfList config = NadConfigs.find(source, sel.nad(), cfg.confDir(), files)
                .orElseThrow(() -> new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                        "network " + sel.nad() + ": NetworkAttachmentDefinition not found"));
        if (sel.cniArgs().orElse(null) instanceof com.fasterxml.jackson.databind.node.ObjectNode cniArgs) {
            config = config.withCniArgs(cniArgs);
        }
        return new PlannedAttachment(sel.nad().toString(), ifName, config, RuntimeConfigs.of(sel), false, sel.defaultRoute());
    }

    private PlannedAttachment clusterNetwork(DaemonConfig cfg, Optional<PodInfo> pod, String ifName, RuntimeConfig runtime) {
        Optional<String> override = pod.flatMap(p -> p.annotation(Annotations.DEFAULT_NETWORK));
        if (override.isPresent()) {
            NetworkSelection sel = NetworkSelections.parseDefaultNetwork(override.get(), cfg.multusNamespace());
            checkIsolation(cfg, pod.get().ref().namespace(), sel.nad());
            NetConfList config = NadConfigs.find(source, sel.nad(), cfg.confDir(), files)
                    .orElseThrow(() -> new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "default network " + sel.nad()
                            + " (annotation " + Annotations.DEFAULT_NETWORK + "): NetworkAttachmentDefinition not found"));
            return new PlannedAttachment(sel.nad().toString(), ifName, config, runtime, true, List.of());
        }
        String name = cfg.clusterNetwork().orElseThrow(() -> new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                "no cluster network: set \"clusterNetwork\" in the daemon config or 00-multus.conf"));
        ClusterNetwork resolved = ClusterNetwork.resolve(name, cfg, source, files);
        return new PlannedAttachment(resolved.statusName(), ifName, resolved.config(), runtime, true, List.of());
    }

    private static void checkIsolation(DaemonConfig cfg, String podNamespace, NadRef nad) {
        if (cfg.namespaceIsolation() && !nad.namespace().equals(podNamespace)
                && !cfg.globalNamespaces().contains(nad.namespace())) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "network " + nad
                    + ": namespace isolation forbids pods in \"" + podNamespace + "\" from using NADs in \""
                    + nad.namespace() + "\"");
        }
    }
}
