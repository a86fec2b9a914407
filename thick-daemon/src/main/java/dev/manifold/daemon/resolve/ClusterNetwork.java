package dev.manifold.daemon.resolve;

import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code clusterNetwork} setting resolved, in Multus's order: a config file path, a directory
 * (its alphabetically first config), a NAD ({@code ns/name}, or {@code name} in
 * {@code multusNamespace}), or a config {@code name} in {@code confDir}.
 */
record ClusterNetwork(String statusName, NetConfList config) {
    static ClusterNetwork resolve(String value, DaemonConfig cfg, ClusterSource source, ConfDir files) {
        if (value.startsWith("/")) {
            Path path;
            try {
                path = Path.of(value);
            } catch (InvalidPathException e) {
                throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "cluster network \"" + value + "\" is not a valid path");
            }
            if (Files.isDirectory(path)) {
                Path first = files.first(path).orElseThrow(() -> new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                        "cluster network directory " + path + " holds no CNI config"));
                return fromFile(first, files);
            }
            if (Files.isRegularFile(path)) {
                return fromFile(path, files);
            }
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "cluster network " + path + " does not exist");
        }
        Optional<NadRef> ref = NadRef.tryParse(value, cfg.multusNamespace());
        if (ref.isPresent()) {
            Optional<NetConfList> fromNad = NadConfigs.find(source, ref.get(), cfg.confDir(), files);
            if (fromNad.isPresent()) {
                return new ClusterNetwork(ref.get().toString(), fromNad.get());
            }
        }
        NetConfList byName = files.byName(cfg.confDir(), value).orElseThrow(() -> new CniException(
                CniErrorCode.INVALID_NETWORK_CONFIG, "cluster network \"" + value + "\" not found: no such "
                + "NetworkAttachmentDefinition and no config of that name in " + cfg.confDir()));
        return new ClusterNetwork(byName.name(), byName);
    }

    private static ClusterNetwork fromFile(Path file, ConfDir files) {
        NetConfList list = files.load(file);
        return new ClusterNetwork(list.name(), list);
    }
}
