package dev.manifold.daemon.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.crds.Annotations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenEmptyStatus_whenMergePatch_thenAnnotationSetToNull() throws Exception {
        String patch = StatusPatcher.mergePatch(List.of());

        assertThat(JSON.readTree(patch)).isEqualTo(JSON.readTree(KubernetesFixtures.text("status-patch-empty.json")));
    }

    @Test
    void givenStatus_whenMergePatch_thenOnlyTheAnnotationIsSetToItsJson() throws Exception {
        JsonNode patch = JSON.readTree(StatusPatcher.mergePatch(KubernetesFixtures.status("network-status.json")));

        JsonNode annotations = patch.path("metadata").path("annotations");
        assertThat(patch.size()).isEqualTo(1);
        assertThat(annotations.size()).isEqualTo(1);
        assertThat(JSON.readTree(annotations.path(Annotations.NETWORK_STATUS).asText()))
                .isEqualTo(JSON.readTree(KubernetesFixtures.text("network-status.json")));
    }
}
