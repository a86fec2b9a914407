package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.selection.NadRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.manifold.daemon.source.kubernetes.KubernetesFixtures.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
class KubernetesSourceNadTest {
    private static final NadRef MACVLAN = new NadRef("team-a", "macvlan-conf");

    KubernetesClient client;
    private KubernetesSource source;

    @BeforeEach
    void createSource() {
        source = new KubernetesSource(client, NODE);
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    @Test
    void givenNadCreatedBeforeStart_whenNad_thenFoundWithoutApiRead() {
        create(KubernetesFixtures.nad("nad-macvlan.yaml"));
        source.start();

        Optional<NetworkAttachmentDefinition> nad = source.nad(MACVLAN);

        assertThat(nad).hasValueSatisfying(n -> assertThat(n.getSpec().getConfig()).contains("\"type\": \"macvlan\""));
        assertThat(source.apiCounters().reads()).isZero();
    }

    @Test
    void givenNadCreatedAfterStart_whenNad_thenFound() {
        source.start();

        create(KubernetesFixtures.nad("nad-macvlan.yaml"));

        assertThat(source.nad(MACVLAN)).isPresent();
    }

    @Test
    void givenNoSuchNad_whenNad_thenEmptyAfterOneApiRead() {
        source.start();

        Optional<NetworkAttachmentDefinition> nad = source.nad(MACVLAN);

        assertThat(nad).isEmpty();
        assertThat(source.apiCounters().reads()).isEqualTo(1);
    }

    @Test
    void givenNadDeleted_whenNad_thenEmpty() {
        create(KubernetesFixtures.nad("nad-macvlan.yaml"));
        source.start();

        client.resources(NetworkAttachmentDefinition.class).inNamespace("team-a").withName("macvlan-conf").delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> source.nad(MACVLAN).isEmpty());
    }

    @Test
    void givenCachedNad_whenCallerChangesIt_thenCacheUnchanged() {
        create(KubernetesFixtures.nad("nad-macvlan.yaml"));
        source.start();

        source.nad(MACVLAN).orElseThrow().getSpec().setConfig("{}");

        assertThat(source.nad(MACVLAN).orElseThrow().getSpec().getConfig()).contains("macvlan");
    }

    @Test
    void givenCachesSynced_whenReady_thenTrue() {
        source.start();

        assertThat(source.ready()).isTrue();
    }

    private void create(NetworkAttachmentDefinition nad) {
        client.resources(NetworkAttachmentDefinition.class).inNamespace(nad.getMetadata().getNamespace())
                .resource(nad).create();
    }
}
