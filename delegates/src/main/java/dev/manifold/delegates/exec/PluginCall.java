package dev.manifold.delegates.exec;

import dev.manifold.delegates.spec.CniArgs;

import java.util.Objects;
import java.util.Optional;

/**
 * The request-scoped part of a plugin's environment: what CNI_CONTAINERID, CNI_NETNS,
 * CNI_IFNAME and CNI_ARGS will be. CNI_COMMAND and CNI_PATH are set by the invoker. Nothing is
 * ever taken from the daemon's own environment.
 *
 * @param netns empty on DEL when the runtime no longer has a namespace (the spec allows it)
 */
public record PluginCall(String containerId, Optional<String> netns, String ifName, CniArgs args) {
    public PluginCall {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(ifName, "ifName");
        Objects.requireNonNull(args, "args");
    }

    public PluginCall withIfName(String newIfName) {
        return new PluginCall(containerId, netns, newIfName, args);
    }
}
