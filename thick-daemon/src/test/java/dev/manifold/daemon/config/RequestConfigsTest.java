package dev.manifold.daemon.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RequestConfigsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestConfigs configs = new RequestConfigs(json("{\"cniDir\":\"/var/lib/daemon\",\"confDir\":\"/etc/daemon\"}"));

    private static ObjectNode json(String s) {
        try {
            return (ObjectNode) JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void givenForwardedConfigsDifferingOnlyInPerPodFields_whenAsked_thenTheyShareOneParsedConfig() {
        DaemonConfig first = configs.of(json("""
                {"cniVersion":"1.0.0","name":"multus-cni-network","type":"manifold-shim","runtimeConfig":{"portMappings":[]}}"""));

        DaemonConfig second = configs.of(json("""
                {"cniVersion":"1.0.0","name":"multus-cni-network","type":"manifold-shim","args":{"cni":{"x":1}}}"""));

        assertThat(second).isSameAs(first);
    }

    @Test
    void givenKeyInBothConfigs_whenAsked_thenTheDaemonsWins() {
        DaemonConfig cfg = configs.of(json("{\"cniDir\":\"/var/lib/forwarded\"}"));

        assertThat(cfg.cniDir()).isEqualTo(Path.of("/var/lib/daemon"));
    }

    @Test
    void givenKeyOnlyTheForwardedConfigHas_whenAsked_thenItApplies() {
        DaemonConfig cfg = configs.of(json("{\"parallelSecondaries\":false}"));

        assertThat(cfg.parallelSecondaries()).isFalse();
    }

    @Test
    void givenForwardedConfigsDifferingInADaemonKey_whenAsked_thenEachGetsItsOwn() {
        DaemonConfig on = configs.of(json("{\"parallelSecondaries\":true}"));

        DaemonConfig off = configs.of(json("{\"parallelSecondaries\":false}"));

        assertThat(on.parallelSecondaries()).isTrue();
        assertThat(off.parallelSecondaries()).isFalse();
    }
}
