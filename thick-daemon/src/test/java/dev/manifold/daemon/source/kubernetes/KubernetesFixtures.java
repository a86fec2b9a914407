package dev.manifold.daemon.source.kubernetes;

import dev.manifold.crds.npwg.NpwgJson;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads the files under {@code fixtures/kubernetes/}. */
final class KubernetesFixtures {
    static final String NODE = "node-a";

    private KubernetesFixtures() {
    }

    /** {@code pod.yaml} renamed to {@code name} and bound to {@code node}. */
    static Pod pod(String name, String node) {
        Pod pod = Serialization.unmarshal(text("pod.yaml"), Pod.class);
        return new PodBuilder(pod)
                .editMetadata().withName(name).endMetadata()
                .editSpec().withNodeName(node).endSpec()
                .build();
    }

    static NetworkAttachmentDefinition nad(String file) {
        return Serialization.unmarshal(text(file), NetworkAttachmentDefinition.class);
    }

    static List<NetworkStatus> status(String file) {
        try {
            return NpwgJson.readStatus(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String file) {
        try (InputStream in = KubernetesFixtures.class.getResourceAsStream("/fixtures/kubernetes/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String file) {
        try {
            return Path.of(KubernetesFixtures.class.getResource("/fixtures/kubernetes/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
