package dev.manifold.daemon.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) JSON.readTree(s);
    }

    @Test
    void givenMultusThickDaemonConfig_whenLoaded_thenKeysMeanTheSameAndUnusedOnesAreReported() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/config/multus-daemon-config.json").toURI());
        List<String> unused = new ArrayList<>();

        DaemonConfig cfg = ConfigParser.load(file, unused::add);

        assertThat(cfg.socketPath()).isEqualTo(Path.of("/host/run/multus/multus.sock"));
        assertThat(cfg.binDir()).containsExactly(Path.of("/opt/cni/bin"), Path.of("/host/opt/cni/bin"));
        assertThat(cfg.globalNamespaces()).containsExactly("default", "shared");
        assertThat(cfg.systemNamespaces()).containsExactly("kube-system", "openshift");
        assertThat(cfg.namespaceIsolation()).isTrue();
        assertThat(cfg.chrootDir()).contains(Path.of("/hostroot"));
        assertThat(cfg.readinessIndicatorFile()).contains(Path.of("/host/run/flannel/subnet.env"));
        assertThat(cfg.multusConfigFile()).contains("auto");
        assertThat(unused).containsExactlyInAnyOrder("auxiliaryCNIChainName", "perNodeCertificate");
    }

    @Test
    void givenEmptyConfig_whenParsed_thenMultusDefaultsApply() throws Exception {
        DaemonConfig cfg = ConfigParser.parse(json("{}"), k -> { });

        assertThat(cfg.socketDir()).isEqualTo(Path.of("/run/multus"));
        assertThat(cfg.cniDir()).isEqualTo(Path.of("/var/lib/cni/multus"));
        assertThat(cfg.binDir()).containsExactly(Path.of("/opt/cni/bin"));
        assertThat(cfg.multusNamespace()).isEqualTo("kube-system");
        assertThat(cfg.systemNamespaces()).containsExactly("kube-system");
        assertThat(cfg.globalNamespaces()).containsExactly("default", "kube-system");
        assertThat(cfg.namespaceIsolation()).isFalse();
        assertThat(cfg.clusterNetwork()).isEmpty();
    }

    @Test
    void givenNoParallelSecondariesKey_whenParsed_thenIndependentSecondariesRunAtOnce() throws Exception {
        DaemonConfig cfg = ConfigParser.parse(json("{}"), k -> { });

        assertThat(cfg.parallelSecondaries()).isTrue();
    }

    @Test
    void givenKeyOfWrongType_whenParsed_thenCode7NamesTheKey() {
        assertThatThrownBy(() -> ConfigParser.parse(json("{\"namespaceIsolation\": \"sometimes\"}"), k -> { }))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("namespaceIsolation");
                });
        assertThatThrownBy(() -> ConfigParser.parse(json("{\"defaultNetworks\": [1]}"), k -> { }))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).contains("defaultNetworks"));
    }

    @Test
    void givenBothConfigs_whenMerged_thenDaemonKeysWinAndRequestKeysFillIn() throws Exception {
        ObjectNode request = json("{\"cniVersion\":\"0.3.1\",\"name\":\"multus-cni-network\",\"type\":\"multus-shim\","
                + "\"clusterNetwork\":\"/etc/cni/net.d/10-flannel.conflist\",\"namespaceIsolation\":false}");
        ObjectNode daemon = json("{\"namespaceIsolation\":true,\"socketDir\":\"/run/x\"}");

        DaemonConfig cfg = ConfigParser.parse(ConfigParser.merge(request, daemon), k -> { });

        assertThat(cfg.clusterNetwork()).isEqualTo(Optional.of("/etc/cni/net.d/10-flannel.conflist"));
        assertThat(cfg.namespaceIsolation()).isTrue();
        assertThat(cfg.socketDir()).isEqualTo(Path.of("/run/x"));
    }

    @Test
    void givenEmptyConfig_whenParsed_thenConfInstallDefaultsApply() throws Exception {
        DaemonConfig cfg = ConfigParser.parse(json("{}"), k -> { });

        assertThat(cfg.multusConfigFile()).isEmpty();
        assertThat(cfg.multusConfigFileName()).isEqualTo("00-multus.conf");
        assertThat(cfg.cleanupConfigOnExit()).isFalse();
        assertThat(cfg.shimType()).isEqualTo("manifold-shim");
        assertThat(cfg.cniConfigDir()).isEqualTo(Path.of("/etc/cni/net.d"));
        assertThat(cfg.multusAutoconfigDir()).isEqualTo(Path.of("/etc/cni/net.d"));
    }

    @Test
    void givenConfFileNameWithADirectory_whenParsed_thenCode7NamesTheKey() {
        assertThatThrownBy(() -> ConfigParser.parse(json("{\"multusConfigFileName\": \"../00-multus.conf\"}"), k -> { }))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("multusConfigFileName");
                });
    }

    @Test
    void givenMetricsPortBeyondTheTcpRange_whenParsed_thenCode7NamesTheKey() {
        assertThatThrownBy(() -> ConfigParser.parse(json("{\"metricsPort\": 70000}"), k -> { }))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("metricsPort").contains("65535");
                });
    }
}
