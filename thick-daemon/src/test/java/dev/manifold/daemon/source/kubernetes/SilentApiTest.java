package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.manifold.daemon.source.kubernetes.KubernetesFixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An API server that accepts connections and never answers — the case a refused port does not
 * cover. The client itself would wait 30 s and retry; the source's deadline must cut that short.
 */
class SilentApiTest {
    private static final PodRef WEB_0 = new PodRef("team-a", "web-0");

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket silent;
    private KubernetesClient client;
    private KubernetesSource source;

    @BeforeEach
    void listenWithoutAnswering() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "silent-api");
        acceptor.setDaemon(true);
        acceptor.start();
        Config config = new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort())
                .withRequestTimeout(30_000)
                .withRequestRetryBackoffLimit(10)
                .build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        source = new KubernetesSource(client, NODE, new KubernetesSource.Timeouts(
                Duration.ofMillis(200), Duration.ofMillis(700), Duration.ofMillis(500)));
    }

    @AfterEach
    void closeAll() throws IOException {
        source.close();
        client.close();
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void givenApiNeverAnswers_whenPod_thenTryAgainLaterAfterTheDeadline() {
        CniException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> catchThrowableOfType(CniException.class, () -> source.pod(WEB_0)));

        assertThat(e.code()).isEqualTo(11);
        assertThat(e.getMessage()).startsWith("Kubernetes API unreachable while reading pod team-a/web-0: ");
    }

    private void acceptForever() {
        try {
            while (!silent.isClosed()) {
                accepted.add(silent.accept());
            }
        } catch (IOException closed) {
            // the test is over
        }
    }
}
