package dev.manifold.daemon.autoconf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniVersion;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The generated {@code 00-multus.conf}: what the runtime hands the shim. Its keys are those of
 * Multus thick's generated file that matter to the shim and the daemon:
 * <ul>
 *   <li>{@code cniVersion}: the {@code cniVersion} daemon key if set, else the cluster network's,
 *       so the runtime speaks to the shim in a version the cluster network accepts;</li>
 *   <li>{@code name} {@code multus-cni-network} and {@code type} the shim;</li>
 *   <li>{@code capabilities}: the union of the cluster network plugins' capabilities, so that
 *       the runtime passes their runtime config (portMappings, bandwidth …) to the shim at all;</li>
 *   <li>{@code clusterNetwork}: the cluster network's file (absolute), which the daemon uses when
 *       its own config does not name one;</li>
 *   <li>{@code daemonSocketDir}: where the shim finds the daemon's socket.</li>
 * </ul>
 * The daemon's other settings stay in its own config (they win over this file's anyway).
 */
final class MultusConf {
    static final String NETWORK_NAME = "multus-cni-network";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Optional<CniVersion> cniVersion;
    private final String shimType;
    private final Path socketDir;

    MultusConf(Optional<CniVersion> cniVersion, String shimType, Path socketDir) {
        this.cniVersion = cniVersion;
        this.shimType = shimType;
        this.socketDir = socketDir.toAbsolutePath().normalize();
    }

    /** The file's bytes for {@code cluster}: the same input always gives the same bytes. */
    byte[] render(ClusterNetworkFile cluster) {
        ObjectNode conf = JSON.createObjectNode();
        conf.put("cniVersion", cniVersion.orElse(cluster.config().cniVersion()).wire());
        conf.put("name", NETWORK_NAME);
        conf.put("type", shimType);
        Set<String> capabilities = cluster.config().capabilities();
        if (!capabilities.isEmpty()) {
            ObjectNode caps = conf.putObject("capabilities");
            capabilities.forEach(c -> caps.put(c, true));
        }
        conf.put("clusterNetwork", cluster.path().toString());
        conf.put("daemonSocketDir", socketDir.toString());
        try {
            return (JSON.writeValueAsString(conf) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
