package dev.manifold.daemon.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.crds.Annotations;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.manifold.daemon.source.kubernetes.KubernetesFixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Answers a CRUD server never gives (conflicts, refusals, server errors), scripted on the mock
 * server in expectation mode. The source is not started: only request-path calls reach the server.
 */
@EnableKubernetesMockClient
class ApiErrorAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PodRef WEB_0 = new PodRef("team-a", "web-0");
    private static final String POD_PATH = "/api/v1/namespaces/team-a/pods/web-0";

    KubernetesMockServer server;
    KubernetesClient client;
    private KubernetesSource source;

    @BeforeEach
    void createSource() {
        source = new KubernetesSource(client, NODE, new KubernetesSource.Timeouts(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)));
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    @Test
    void givenStatus_whenPublishStatus_thenOneMergePatchOfTheAnnotationSent() throws Exception {
        server.expect().patch().withPath(POD_PATH).andReturn(200, KubernetesFixtures.pod("web-0", NODE)).once();

        source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"));

        RecordedRequest patch = server.takeRequest();
        assertThat(patch.getHeader("Content-Type")).startsWith("application/merge-patch+json");
        JsonNode body = JSON.readTree(patch.getUtf8Body());
        assertThat(JSON.readTree(body.path("metadata").path("annotations").path(Annotations.NETWORK_STATUS).asText()))
                .isEqualTo(JSON.readTree(KubernetesFixtures.text("network-status.json")));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void givenConflictOnce_whenPublishStatus_thenRetriedUntilWritten() {
        server.expect().patch().withPath(POD_PATH).andReturn(409, status(409, "Conflict", "the object has been modified")).once();
        server.expect().patch().withPath(POD_PATH).andReturn(200, KubernetesFixtures.pod("web-0", NODE)).once();

        source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"));

        assertThat(source.apiCounters().writes()).isEqualTo(2);
    }

    @Test
    void givenThrottledOnce_whenPublishStatus_thenRetriedUntilWritten() {
        server.expect().patch().withPath(POD_PATH).andReturn(429, status(429, "TooManyRequests", "slow down")).once();
        server.expect().patch().withPath(POD_PATH).andReturn(200, KubernetesFixtures.pod("web-0", NODE)).once();

        source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"));

        assertThat(source.apiCounters().writes()).isEqualTo(2);
    }

    @Test
    void givenForbidden_whenPublishStatus_thenTryAgainLaterWithoutRetry() {
        server.expect().patch().withPath(POD_PATH)
                .andReturn(403, status(403, "Forbidden", "pods \"web-0\" is forbidden")).always();

        CniException e = catchThrowableOfType(CniException.class,
                () -> source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json")));

        assertThat(e.code()).isEqualTo(11);
        assertThat(e.getMessage()).isEqualTo("Kubernetes API answered HTTP 403 while writing network-status of pod "
                + "team-a/web-0: pods \"web-0\" is forbidden");
        assertThat(source.apiCounters().writes()).isEqualTo(1);
    }

    @Test
    void givenServerError_whenPod_thenTryAgainLaterAfterOneRequest() {
        server.expect().get().withPath(POD_PATH)
                .andReturn(500, status(500, "InternalError", "etcdserver: request timed out")).always();

        CniException e = catchThrowableOfType(CniException.class, () -> source.pod(WEB_0));

        assertThat(e.code()).isEqualTo(11);
        assertThat(e.getMessage()).isEqualTo("Kubernetes API answered HTTP 500 while reading pod team-a/web-0: "
                + "etcdserver: request timed out");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }
}
