package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.source.PodInfo;
import dev.manifold.daemon.source.PodLookup;
import dev.manifold.daemon.source.PodRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;

import static dev.manifold.daemon.source.kubernetes.KubernetesFixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pod lookups against the CRUD mock server, extended with the {@code spec.nodeName} field selector
 * (see {@link NodeFieldSelectorDispatcher}) so that the node-scoped informer behaves as on a cluster.
 */
class KubernetesSourcePodTest {
    private static final PodRef WEB_0 = new PodRef("team-a", "web-0");

    private KubernetesMockServer server;
    private KubernetesClient client;
    private KubernetesSource source;

    @BeforeEach
    void serve() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new NodeFieldSelectorDispatcher(), false);
        server.init();
        client = server.createClient();
        source = new KubernetesSource(client, NODE);
    }

    @AfterEach
    void shutDown() {
        source.close();
        client.close();
        server.destroy();
    }

    @Test
    void givenPodOnThisNodeBeforeStart_whenPod_thenFoundWithoutApiRead() {
        create(KubernetesFixtures.pod("web-0", NODE));
        source.start();

        PodLookup lookup = source.pod(WEB_0);

        assertThat(lookup).isInstanceOf(PodLookup.Found.class);
        assertThat(source.apiCounters().reads()).isZero();
    }

    @Test
    void givenPodScheduledToThisNodeAfterStart_whenCacheCatchesUp_thenFoundWithoutApiRead() {
        source.start();
        create(KubernetesFixtures.pod("web-0", NODE));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.cached(WEB_0));

        PodLookup lookup = source.pod(WEB_0);

        assertThat(lookup).isInstanceOf(PodLookup.Found.class);
        assertThat(source.apiCounters().reads()).isZero();
    }

    @Test
    void givenPodOnAnotherNode_whenStarted_thenNotCached() {
        create(KubernetesFixtures.pod("web-0", "node-b"));

        source.start();

        assertThat(source.ready()).isTrue();
        assertThat(source.cached(WEB_0)).isFalse();
    }

    @Test
    void givenPodOnAnotherNode_whenPod_thenFoundByOneApiRead() {
        create(KubernetesFixtures.pod("web-0", "node-b"));
        source.start();

        PodLookup lookup = source.pod(WEB_0);

        assertThat(lookup).isInstanceOf(PodLookup.Found.class);
        assertThat(source.apiCounters()).isEqualTo(new KubernetesSource.ApiCounters(1, 0));
    }

    @Test
    void givenNoSuchPod_whenPod_thenGone() {
        source.start();

        PodLookup lookup = source.pod(WEB_0);

        assertThat(lookup).isEqualTo(PodLookup.gone(WEB_0));
    }

    @Test
    void givenCachedPod_whenPod_thenUidAndAnnotationsMapped() {
        Pod created = create(KubernetesFixtures.pod("web-0", NODE));
        source.start();

        PodInfo pod = found(source.pod(WEB_0));

        assertThat(pod.ref()).isEqualTo(WEB_0);
        assertThat(pod.uid()).contains(created.getMetadata().getUid());
        assertThat(pod.annotation("k8s.v1.cni.cncf.io/networks")).contains("macvlan-conf@net1");
    }

    @Test
    void givenPodReadFromApi_whenPod_thenUidAndAnnotationsMapped() {
        Pod created = create(KubernetesFixtures.pod("web-0", "node-b"));
        source.start();

        PodInfo pod = found(source.pod(WEB_0));

        assertThat(pod.uid()).contains(created.getMetadata().getUid());
        assertThat(pod.annotation("k8s.v1.cni.cncf.io/networks")).contains("macvlan-conf@net1");
    }

    @Test
    void givenPodWithLastAppliedConfiguration_whenPod_thenThatCopyIsLeftOut() {
        create(KubernetesFixtures.pod("web-0", NODE));
        source.start();

        PodInfo pod = found(source.pod(WEB_0));

        assertThat(pod.annotations()).doesNotContainKey(PodIdentityStore.LAST_APPLIED);
    }

    @Test
    void givenCachedPodDeleted_whenCacheCatchesUp_thenGone() {
        create(KubernetesFixtures.pod("web-0", NODE));
        source.start();

        client.pods().inNamespace("team-a").withName("web-0").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> !source.cached(WEB_0));

        assertThat(source.pod(WEB_0)).isEqualTo(PodLookup.gone(WEB_0));
    }

    @Test
    void givenCachedPod_whenEvent_thenInvolvedObjectCarriesItsUid() {
        Pod created = create(KubernetesFixtures.pod("web-0", NODE));
        source.start();

        source.event(WEB_0, "AddedInterface", "Add net1 [192.168.1.200/24] from team-a/macvlan-conf");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.v1().events().inNamespace("team-a").list().getItems().size() == 1);
        Event event = client.v1().events().inNamespace("team-a").list().getItems().get(0);
        assertThat(event.getInvolvedObject().getUid()).isEqualTo(created.getMetadata().getUid());
    }

    private Pod create(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    private static PodInfo found(PodLookup lookup) {
        assertThat(lookup).isInstanceOf(PodLookup.Found.class);
        return ((PodLookup.Found) lookup).pod();
    }
}
