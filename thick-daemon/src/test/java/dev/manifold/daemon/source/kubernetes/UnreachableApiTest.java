package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.manifold.daemon.source.kubernetes.KubernetesFixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A kubeconfig pointing where nothing listens: every request is refused at once. */
class UnreachableApiTest {
    private static final PodRef WEB_0 = new PodRef("team-a", "web-0");
    private static final Duration QUICKLY = Duration.ofSeconds(3);
    // The publish budget leaves room for a retry even when the first refused attempt is slow
    // (a loaded 2-core machine): the test is about retrying, not about how fast.
    private static final KubernetesSource.Timeouts SHORT = new KubernetesSource.Timeouts(
            Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(1500));

    private KubernetesClient client;
    private KubernetesSource source;

    @BeforeEach
    void createSource() {
        client = KubernetesClients.create(Optional.of(KubernetesFixtures.path("kubeconfig-unreachable.yaml")),
                Duration.ofMillis(500));
        source = new KubernetesSource(client, NODE, SHORT);
    }

    @AfterEach
    void closeSource() {
        source.close();
        client.close();
    }

    @Test
    void givenApiUnreachable_whenStart_thenReturnsNotReady() {
        assertTimeoutPreemptively(QUICKLY, () -> source.start());

        assertThat(source.ready()).isFalse();
    }

    @Test
    void givenApiUnreachable_whenPod_thenTryAgainLaterQuickly() {
        CniException e = assertTimeoutPreemptively(QUICKLY,
                () -> catchThrowableOfType(CniException.class, () -> source.pod(WEB_0)));

        assertThat(e.code()).isEqualTo(11);
    }

    @Test
    void givenApiUnreachable_whenPod_thenMessageNamesPodAndReason() {
        CniException e = catchThrowableOfType(CniException.class, () -> source.pod(WEB_0));

        assertThat(e.getMessage())
                .startsWith("Kubernetes API unreachable while reading pod team-a/web-0: ")
                .containsIgnoringCase("refused");
    }

    @Test
    void givenApiUnreachable_whenPod_thenMessageHidesToken() {
        CniException e = catchThrowableOfType(CniException.class, () -> source.pod(WEB_0));

        assertThat(e.getMessage()).doesNotContain("secret-token-123");
        assertThat(e.details()).doesNotContain("secret-token-123");
    }

    @Test
    void givenApiUnreachable_whenNad_thenTryAgainLaterNamingTheNad() {
        CniException e = catchThrowableOfType(CniException.class,
                () -> source.nad(new NadRef("team-a", "macvlan-conf")));

        assertThat(e.code()).isEqualTo(11);
        assertThat(e.getMessage()).contains("NetworkAttachmentDefinition team-a/macvlan-conf");
    }

    @Test
    void givenApiUnreachable_whenPublishStatus_thenTryAgainLaterAfterRetries() {
        CniException e = assertTimeoutPreemptively(QUICKLY, () -> catchThrowableOfType(CniException.class,
                () -> source.publishStatus(WEB_0, KubernetesFixtures.status("network-status.json"))));

        assertThat(e.code()).isEqualTo(11);
        assertThat(e.getMessage()).contains("writing network-status of pod team-a/web-0");
        assertThat(source.apiCounters().writes()).isGreaterThan(1);
    }

    @Test
    void givenApiUnreachable_whenEvent_thenNoException() {
        assertThatCode(() -> source.event(WEB_0, "AddedInterface", "Add net1")).doesNotThrowAnyException();
    }

    @Test
    void givenApiUnreachable_whenPod_thenOneReadCounted() {
        catchThrowableOfType(CniException.class, () -> source.pod(WEB_0));

        assertThat(source.apiCounters()).isEqualTo(new KubernetesSource.ApiCounters(1, 0));
    }
}
