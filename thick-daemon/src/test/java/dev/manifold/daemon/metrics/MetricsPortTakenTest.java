package dev.manifold.daemon.metrics;

import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.source.InMemorySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A metrics port another agent on the host network already holds must not keep the daemon, and
 * so the node's pods, from starting: the endpoint stays off and the daemon goes on.
 */
class MetricsPortTakenTest {
    @TempDir
    Path dir;

    @Test
    void givenPortAlreadyBound_whenServed_thenNoEndpointAndNoFailure() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DaemonMetrics metrics = new DaemonMetrics(new AttachmentJournal(dir), new InMemorySource())) {

            boolean up = metrics.serve("127.0.0.1", other.getLocalPort());

            assertThat(up).isFalse();
        }
    }

    @Test
    void givenFreePort_whenServed_thenTheEndpointIsUp() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (DaemonMetrics metrics = new DaemonMetrics(new AttachmentJournal(dir), new InMemorySource());
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(metrics.serve("127.0.0.1", port)).isTrue();

            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("manifold_attachments");
        }
    }
}
