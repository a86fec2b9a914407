package dev.manifold.daemon.resolve;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;

import java.util.List;

/**
 * One delegate to run for a pod, fully resolved.
 *
 * @param statusName           the network-status name: {@code ns/name} for a NAD, the config
 *                             {@code name} for a cluster network from a file
 * @param ifName               the interface in the pod ({@code eth0}, {@code net1}, a requested name)
 * @param defaultRouteGateways the selection's {@code default-route}; non-empty makes this
 *                             attachment own the pod's default route
 */
public record PlannedAttachment(String statusName, String ifName, NetConfList config, RuntimeConfig runtime,
                                boolean clusterNetwork, List<String> defaultRouteGateways) {
    public PlannedAttachment {
        defaultRouteGateways = List.copyOf(defaultRouteGateways);
    }

    /**
     * Whether {@code p} gets the pod's default route: the attachments whose selection asked for
     * it ({@code default-route}) when any did, else the cluster network.
     */
    public static boolean ownsDefaultRoute(List<PlannedAttachment> plan, PlannedAttachment p) {
        boolean someoneAsked = plan.stream().anyMatch(a -> !a.defaultRouteGateways().isEmpty());
        return someoneAsked ? !p.defaultRouteGateways().isEmpty() : p.clusterNetwork();
    }
}
