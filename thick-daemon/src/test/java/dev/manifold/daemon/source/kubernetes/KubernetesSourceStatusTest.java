package dev.manifold.daemon.source.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.crds.Annotations;
import dev.manifold.daemon.source.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.manifold.daemon.source.kubernetes.KubernetesFixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

@EnableKubernetesMockClient(crud = true)
class KubernetesSourceStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PodRef WEB_0 = new PodRef("team-a", "web-0");

    KubernetesClient client;
    private KubernetesSource source;

    @BeforeEach
    void createSource() {
        source = new KubernetesSource(client, NODE);
        source.start();
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    @Test
    void givenPod_whenPublishStatus_thenAnnotationHoldsTheEntries() throws Exception {
        createPod(KubernetesFixtures.pod("web-0", NODE));

        source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"));

        assertThat(JSON.readTree(statusAnnotation()))
                .isEqualTo(JSON.readTree(KubernetesFixtures.text("network-status.json")));
    }

    @Test
    void givenPodWithOldStatus_whenPublishStatus_thenOldValueReplaced() throws Exception {
        createPod(withStatus(KubernetesFixtures.pod("web-0", NODE), KubernetesFixtures.text("network-status-old.json")));

        source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"));

        assertThat(JSON.readTree(statusAnnotation()))
                .isEqualTo(JSON.readTree(KubernetesFixtures.text("network-status.json")));
    }

    @Test
    void givenPodWithStatus_whenPublishEmptyStatus_thenAnnotationRemoved() {
        createPod(withStatus(KubernetesFixtures.pod("web-0", NODE), KubernetesFixtures.text("network-status-old.json")));

        source.publishStatus(WEB_0, List.of());

        // An API server drops a key merged with null (RFC 7386); the CRUD mock keeps it, valued null.
        // StatusPatcherTest checks that the null goes over the wire.
        assertThat(pod().getMetadata().getAnnotations().get(Annotations.NETWORK_STATUS)).isNull();
    }

    @Test
    void givenPod_whenPublishStatus_thenOtherAnnotationsKept() {
        createPod(KubernetesFixtures.pod("web-0", NODE));

        source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"));

        assertThat(pod().getMetadata().getAnnotations()).containsEntry(Annotations.NETWORKS, "macvlan-conf@net1");
    }

    @Test
    void givenPodGone_whenPublishStatus_thenNoException() {
        assertThatCode(() -> source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json")))
                .doesNotThrowAnyException();
    }

    @Test
    void givenPod_whenPublishStatus_thenOneWriteCounted() {
        createPod(KubernetesFixtures.pod("web-0", NODE));

        source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"));

        assertThat(source.apiCounters()).isEqualTo(new KubernetesSource.ApiCounters(0, 1));
    }

    private void createPod(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    private Pod pod() {
        return client.pods().inNamespace(WEB_0.namespace()).withName(WEB_0.name()).get();
    }

    private String statusAnnotation() {
        return pod().getMetadata().getAnnotations().get(Annotations.NETWORK_STATUS);
    }

    private static Pod withStatus(Pod pod, String status) {
        return new PodBuilder(pod).editMetadata().addToAnnotations(Annotations.NETWORK_STATUS, status).endMetadata().build();
    }
}
