package dev.manifold.daemon.chroot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.InMemorySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chrootDir} wired into the daemon: delegates are looked for (and run) inside the root. */
class ChrootDaemonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void givenChrootDir_whenAdd_thenTheBinDirIsSearchedInsideTheRoot() throws IOException {
        // The host has /usr/lib/cni/bridge; the root has an empty /usr/lib/cni.
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/cni"));
        Path netd = Files.createDirectories(tmp.resolve("net.d"));
        Files.writeString(netd.resolve("10-cluster.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"cluster\",\"type\":\"bridge\"}");
        ObjectNode raw = (ObjectNode) JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","binDir":"/usr/lib/cni","confDir":"%s","clusterNetwork":"%s","chrootDir":"%s"}"""
                .formatted(tmp.resolve("sock"), tmp.resolve("cache"), netd, netd.resolve("10-cluster.conf"), root));
        daemon = new Daemon(ConfigParser.parse(raw, k -> { }), raw, new InMemorySource());
        daemon.start();

        UnixHttp.Answer answer = UnixHttp.cni(tmp.resolve("sock/multus.sock"), Map.of("CNI_COMMAND", "ADD",
                "CNI_CONTAINERID", "chroot-test", "CNI_NETNS", tmp.toString(), "CNI_IFNAME", "eth0", "CNI_PATH", "/opt/cni/bin"),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}");

        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("code").asInt()).isEqualTo(7);
        assertThat(error.path("msg").asText()).contains("plugin \"bridge\" not found in [/usr/lib/cni] under " + root);
    }
}
