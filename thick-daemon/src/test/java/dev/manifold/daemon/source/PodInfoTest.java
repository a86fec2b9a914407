package dev.manifold.daemon.source;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PodInfoTest {
    @Test
    void givenAnnotationWithNullValue_whenBuilt_thenItIsDroppedAndTheRestKept() {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("k8s.v1.cni.cncf.io/network-status", null);
        annotations.put("k8s.v1.cni.cncf.io/networks", "data");

        PodInfo info = new PodInfo(new PodRef("team", "app"), Optional.empty(), annotations);

        assertThat(info.annotations()).containsExactly(Map.entry("k8s.v1.cni.cncf.io/networks", "data"));
        assertThat(info.annotation("k8s.v1.cni.cncf.io/network-status")).isEmpty();
    }
}
