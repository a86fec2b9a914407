package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.source.PodRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.manifold.daemon.source.kubernetes.KubernetesFixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
class KubernetesSourceEventTest {
    private static final PodRef WEB_0 = new PodRef("team-a", "web-0");
    private static final String MESSAGE = "Add net1 [192.168.1.200/24] from team-a/macvlan-conf";

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
    void givenPod_whenEvent_thenNormalEventRecordedOnPod() {
        source.event(WEB_0, "AddedInterface", MESSAGE);

        Event event = awaitOneEvent();
        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getReason()).isEqualTo("AddedInterface");
        assertThat(event.getMessage()).isEqualTo(MESSAGE);
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("Pod");
        assertThat(event.getInvolvedObject().getNamespace()).isEqualTo("team-a");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("web-0");
    }

    @Test
    void givenEvent_whenRecorded_thenSourceIsManifoldOnThisNode() {
        source.event(WEB_0, "AddedInterface", MESSAGE);

        Event event = awaitOneEvent();
        assertThat(event.getSource().getComponent()).isEqualTo("manifold");
        assertThat(event.getSource().getHost()).isEqualTo(NODE);
        assertThat(event.getReportingComponent()).isEqualTo("manifold");
    }

    @Test
    void givenEvent_whenSent_thenOneWriteAndNoReadCounted() {
        source.event(WEB_0, "AddedInterface", MESSAGE);

        awaitOneEvent();
        await().atMost(Duration.ofSeconds(5)).until(() -> source.apiCounters().writes() == 1);
        assertThat(source.apiCounters().reads()).isZero();
    }

    @Test
    void givenClosedSource_whenEvent_thenNoException() {
        source.close();

        assertThatCode(() -> source.event(WEB_0, "AddedInterface", MESSAGE)).doesNotThrowAnyException();
    }

    private Event awaitOneEvent() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.v1().events().inNamespace("team-a").list().getItems().size() == 1);
        List<Event> events = client.v1().events().inNamespace("team-a").list().getItems();
        return events.get(0);
    }
}
