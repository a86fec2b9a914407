package dev.manifold.daemon.resolve;

import dev.manifold.crds.Nads;
import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A NAD's delegate config: its {@code spec.config} (a single config or a conflist), or, when that
 * is empty, the file in {@code confDir} whose {@code name} is the NAD's name (as Multus does). A
 * config without {@code name} gets the NAD's name. A {@code spec.config} longer than
 * {@link #MAX_CONFIG_BYTES} is refused (code 7) before it is parsed.
 */
final class NadConfigs {
    /** The longest {@code spec.config} read; a conflist of a few plugins is 1–4 KiB. */
    static final int MAX_CONFIG_BYTES = 64 * 1024;

    private NadConfigs() {
    }

    static Optional<NetConfList> find(ClusterSource source, NadRef ref, Path confDir, ConfDir files) {
        Optional<NetworkAttachmentDefinition> nad = source.nad(ref);
        if (nad.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> config = Nads.configOf(nad.get());
        if (config.isEmpty()) {
            return Optional.of(files.byName(confDir, ref.name()).orElseThrow(() -> new CniException(
                    CniErrorCode.INVALID_NETWORK_CONFIG, "network " + ref + ": spec.config is empty and no config named \""
                    + ref.name() + "\" is in " + confDir)));
        }
        byte[] bytes = config.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "network " + ref + ": spec.config is "
                    + bytes.length + " bytes long; at most " + MAX_CONFIG_BYTES + " are read");
        }
        try {
            NetConfList list = NetConfList.parseAny(bytes);
            return Optional.of(list.name().isEmpty() ? list.withName(ref.name()) : list);
        } catch (CniException e) {
            throw e.prefixed("network " + ref + ": invalid spec.config: ");
        }
    }
}
