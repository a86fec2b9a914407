package dev.manifold.shim;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShimSettingsTest {

    private static final byte[] CONFIG = bytes("{\"cniVersion\":\"0.3.1\",\"plugins\":[{\"daemonSocketDir\":\"/x\"}],"
            + "\"daemonSocketDir\":\"/var/run/manifold\"}");

    @Test
    void givenDaemonSocketDirInConfig_whenResolve_thenSocketIsInThatDirectory() {
        ShimSettings settings = ShimSettings.resolve(Map.of("CNI_COMMAND", "ADD"), CONFIG);

        assertThat(settings.socket()).isEqualTo(Path.of("/var/run/manifold/multus.sock"));
    }

    @Test
    void givenSocketDirInEnvironment_whenResolve_thenEnvironmentWinsOverConfig() {
        ShimSettings settings = ShimSettings.resolve(Map.of("MANIFOLD_SOCKET_DIR", "/tmp/mf"), CONFIG);

        assertThat(settings.socket()).isEqualTo(Path.of("/tmp/mf/multus.sock"));
    }

    @Test
    void givenConfigThatIsNotJson_whenResolve_thenDefaultsApply() {
        ShimSettings settings = ShimSettings.resolve(Map.of(), bytes("cniVersion=1.0.0"));

        assertThat(settings.socket()).isEqualTo(Path.of("/run/multus/multus.sock"));
        assertThat(settings.cniVersion()).isEqualTo("1.1.0");
    }

    @Test
    void givenConfigBrokenAfterItsVersion_whenResolve_thenTheVersionIsStillUsed() {
        ShimSettings settings = ShimSettings.resolve(Map.of(), bytes("{\"cniVersion\":\"0.4.0\",\"name\":"));

        assertThat(settings.cniVersion()).isEqualTo("0.4.0");
    }

    @Test
    void givenAdd_whenResolve_thenRetriesForTenSeconds() {
        ShimSettings settings = ShimSettings.resolve(Map.of("CNI_COMMAND", "ADD"), CONFIG);

        assertThat(settings.retryMillis()).isEqualTo(10_000);
    }

    @Test
    void givenDel_whenResolve_thenRetriesForTwoSeconds() {
        ShimSettings settings = ShimSettings.resolve(Map.of("CNI_COMMAND", "DEL"), CONFIG);

        assertThat(settings.retryMillis()).isEqualTo(2_000);
    }

    @Test
    void givenDecimalTimeoutInEnvironment_whenResolve_thenItIsUsedInMilliseconds() {
        ShimSettings settings = ShimSettings.resolve(Map.of("MANIFOLD_SHIM_TIMEOUT_SECONDS", "1.5"), CONFIG);

        assertThat(settings.responseTimeoutMillis()).isEqualTo(1_500);
    }

    @Test
    void givenUnparsableRetryInEnvironment_whenResolve_thenTheDefaultApplies() {
        ShimSettings settings = ShimSettings.resolve(
                Map.of("CNI_COMMAND", "ADD", "MANIFOLD_SHIM_RETRY_SECONDS", "soon"), CONFIG);

        assertThat(settings.retryMillis()).isEqualTo(10_000);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
