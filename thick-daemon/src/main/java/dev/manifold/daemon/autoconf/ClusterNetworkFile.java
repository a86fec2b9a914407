package dev.manifold.daemon.autoconf;

import dev.manifold.delegates.config.NetConfList;

import java.nio.file.Path;

/** The cluster network's config file as found in the autoconfig dir, parsed. */
record ClusterNetworkFile(Path path, NetConfList config) {
}
