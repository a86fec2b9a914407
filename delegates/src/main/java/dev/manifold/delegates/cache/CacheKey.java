package dev.manifold.delegates.cache;

import java.util.Objects;

/** One attachment: a network on one interface of one container. */
public record CacheKey(String networkName, String containerId, String ifName) {
    public CacheKey {
        Objects.requireNonNull(networkName, "networkName");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(ifName, "ifName");
    }
}
