package dev.manifold.daemon.journal;

import dev.manifold.delegates.cache.CachedAttachment;

/**
 * One attachment of a container as the journal keeps it.
 *
 * @param statusName     the name network-status shows: {@code ns/name} for a NAD, the config
 *                       {@code name} for a cluster network taken from a file
 * @param clusterNetwork whether this is the cluster network (the reply's result)
 * @param isDefault      whether this attachment owns the pod's default route
 */
public record JournalEntry(String statusName, boolean clusterNetwork, boolean isDefault, CachedAttachment attachment) {
    public String ifName() {
        return attachment.key().ifName();
    }
}
