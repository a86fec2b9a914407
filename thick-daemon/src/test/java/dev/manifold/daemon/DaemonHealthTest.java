package dev.manifold.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.kubernetes.KubernetesSource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /healthz} of a daemon on the Kubernetes source answers 503 until the pod and NAD caches
 * have synced, and 200 once they have.
 */
class DaemonHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSource.Timeouts SHORT_SYNC = new KubernetesSource.Timeouts(
            Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(500));

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        client.close();
        if (server != null) {
            server.destroy();
        }
    }

    private void startDaemon(KubernetesClient api) throws IOException {
        client = api;
        ObjectNode raw = (ObjectNode) JSON.readTree("{\"socketDir\":\"" + dir.resolve("run") + "\",\"cniDir\":\""
                + dir.resolve("cache") + "\",\"nodeName\":\"node-a\"}");
        daemon = new Daemon(ConfigParser.parse(raw, key -> { }), raw, new KubernetesSource(api, "node-a", SHORT_SYNC));
        daemon.start();
    }

    private int healthz() throws IOException {
        return UnixHttp.post(dir.resolve("run/multus.sock"), "/healthz", new byte[0]).status();
    }

    @Test
    void givenApiUnreachable_whenHealthz_thenNotReady() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closedPort).build();
        startDaemon(new KubernetesClientBuilder().withConfig(config).build());

        assertThat(healthz()).isEqualTo(503);
    }

    @Test
    void givenNadListRefusedAtFirst_whenTheCachesSyncLater_thenHealthzTurnsReady() throws Exception {
        HeldNadList dispatcher = new HeldNadList();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        startDaemon(server.createClient());
        assertThat(healthz()).isEqualTo(503);

        dispatcher.release();

        await().atMost(Duration.ofSeconds(30)).until(() -> healthz() == 200);
    }

    /** The CRUD mock, except that listing NADs is forbidden (an RBAC gap) until {@link #release()}. */
    private static final class HeldNadList extends KubernetesCrudDispatcher {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            held.set(false);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (held.get() && request.getPath().startsWith("/apis/k8s.cni.cncf.io/v1/network-attachment-definitions")) {
                return new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}");
            }
            return super.dispatch(request);
        }
    }
}
