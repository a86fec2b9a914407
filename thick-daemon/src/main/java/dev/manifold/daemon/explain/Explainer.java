package dev.manifold.daemon.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.resolve.NetworkPlanner;
import dev.manifold.daemon.resolve.PlannedAttachment;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodInfo;
import dev.manifold.daemon.source.PodLookup;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * What an ADD for a pod would attach, without running anything: the same selection and resolution
 * as the daemon ({@link NetworkPlanner}), each delegate config shown as the invoker would hand it
 * to the plugin (list name and {@code cniVersion} injected, runtime config only where the plugin
 * declares the capability, {@code cni-args} merged), with secret-looking fields masked
 * ({@link SecretMask}).
 *
 * <p>Not shown because they are only known when the ADD runs: {@code prevResult}, and the version
 * the plugins finally run at when a 1.1.0 list offers several in {@code cniVersions} (the
 * daemon asks each plugin binary).
 */
public final class Explainer {
    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private final ClusterSource source;
    private final NetworkPlanner planner;

    public Explainer(ClusterSource source) {
        this.source = source;
        this.planner = new NetworkPlanner(source);
    }

    /**
     * @param clusterIfName  the interface the runtime would ask for (CNI_IFNAME)
     * @param clusterRuntime the runtime config the runtime would pass (portMappings …)
     * @return the explanation, as text for people
     * @throws CniException the error the ADD would get: code 3 for a pod that does not exist, code
     *         7 for an unknown NAD or a malformed annotation …
     */
    public String explain(DaemonConfig cfg, PodRef ref, String clusterIfName, RuntimeConfig clusterRuntime) {
        PodInfo pod = switch (source.pod(ref)) {
            case PodLookup.Found found -> found.pod();
            case PodLookup.Gone gone -> throw new CniException(CniErrorCode.UNKNOWN_CONTAINER, "pod " + ref + " not found");
        };
        List<PlannedAttachment> plan = planner.plan(cfg, Optional.of(pod), clusterIfName, clusterRuntime);
        StringBuilder out = new StringBuilder();
        out.append("pod ").append(ref).append(pod.uid().map(uid -> " (uid " + uid + ")").orElse("")).append('\n');
        out.append("networks: ").append(String.join(", ", plan.stream().map(PlannedAttachment::statusName).toList()))
                .append("\n");
        for (PlannedAttachment p : plan) {
            boolean ownsDefault = PlannedAttachment.ownsDefaultRoute(plan, p);
            out.append('\n').append(p.ifName()).append(": ").append(p.statusName())
                    .append(p.clusterNetwork() ? " (cluster network)" : "")
                    .append(ownsDefault ? ", default route" + gateways(p) : "").append('\n');
            appendPlugins(out, p);
        }
        return out.toString();
    }

    private static String gateways(PlannedAttachment p) {
        return p.defaultRouteGateways().isEmpty() ? "" : " via " + String.join(", ", p.defaultRouteGateways());
    }

    private static void appendPlugins(StringBuilder out, PlannedAttachment p) {
        NetConfList list = p.config();
        int n = list.plugins().size();
        for (int i = 0; i < n; i++) {
            var conf = list.pluginToRun(i, list.cniVersion()).withRuntimeConfig(p.runtime());
            out.append("  plugin ").append(i + 1).append(" of ").append(n).append(": ").append(conf.type())
                    .append(", cniVersion ").append(list.cniVersion().wire()).append('\n');
            try {
                out.append(PRETTY.writeValueAsString(SecretMask.mask(conf.json())).indent(2));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
