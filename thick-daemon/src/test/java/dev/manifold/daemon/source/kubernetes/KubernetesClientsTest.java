package dev.manifold.daemon.source.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesClientsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @Test
    void givenKubeconfig_whenCreate_thenClientTalksToItsServer() {
        try (KubernetesClient client = KubernetesClients.create(
                Optional.of(KubernetesFixtures.path("kubeconfig-unreachable.yaml")), TIMEOUT)) {

            assertThat(client.getMasterUrl().toString()).startsWith("http://127.0.0.1:1");
        }
    }

    @Test
    void givenRequestTimeout_whenCreate_thenConnectAndRequestBoundedByIt() {
        try (KubernetesClient client = KubernetesClients.create(
                Optional.of(KubernetesFixtures.path("kubeconfig-unreachable.yaml")), TIMEOUT)) {

            assertThat(client.getConfiguration().getConnectionTimeout()).isEqualTo(1500);
            assertThat(client.getConfiguration().getRequestTimeout()).isEqualTo(1500);
        }
    }

    @Test
    void givenDefaults_whenCreate_thenFewRetriesAndNoLowPerHostLimit() {
        try (KubernetesClient client = KubernetesClients.create(
                Optional.of(KubernetesFixtures.path("kubeconfig-unreachable.yaml")), TIMEOUT)) {

            assertThat(client.getConfiguration().getRequestRetryBackoffLimit()).isLessThanOrEqualTo(2);
            assertThat(client.getConfiguration().getMaxConcurrentRequestsPerHost()).isGreaterThanOrEqualTo(64);
        }
    }

    @Test
    void givenMissingKubeconfig_whenCreate_thenErrorNamesTheFile() {
        Path missing = Path.of("/nonexistent/manifold/kubeconfig");

        assertThatThrownBy(() -> KubernetesClients.create(Optional.of(missing), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void givenBrokenKubeconfig_whenCreate_thenErrorHidesItsContent() {
        Path broken = KubernetesFixtures.path("kubeconfig-broken.yaml");

        assertThatThrownBy(() -> KubernetesClients.create(Optional.of(broken), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageNotContaining("secret-token-456")
                .hasNoCause();
    }

    @Test
    void givenConfiguredNodeName_whenNodeName_thenItWins() {
        String node = KubernetesClients.nodeName(Optional.of("node-a"), Map.of("MULTUS_NODE_NAME", "node-b"));

        assertThat(node).isEqualTo("node-a");
    }

    @Test
    void givenMultusNodeNameVariable_whenNodeName_thenUsed() {
        String node = KubernetesClients.nodeName(Optional.empty(),
                Map.of("MULTUS_NODE_NAME", "node-b", "NODE_NAME", "node-c"));

        assertThat(node).isEqualTo("node-b");
    }

    @Test
    void givenNodeNameVariable_whenNodeName_thenUsed() {
        String node = KubernetesClients.nodeName(Optional.of(" "), Map.of("NODE_NAME", "node-c"));

        assertThat(node).isEqualTo("node-c");
    }

    @Test
    void givenNothingConfigured_whenNodeName_thenLowerCaseHostName() {
        String node = KubernetesClients.nodeName(Optional.empty(), Map.of());

        assertThat(node).isNotBlank().isLowerCase();
    }
}
