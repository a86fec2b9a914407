package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * GETs for what the caches do not hold (yet): a pod scheduled a moment ago whose watch event has
 * not arrived, a pod on another node, a NAD created a moment ago. One attempt each, bounded by the
 * deadline of the client given (which must not retry), counted in {@code reads}.
 *
 * @throws dev.manifold.delegates.spec.CniException code 11 when the API does not answer or
 *                                                   answers anything but the object or 404
 */
final class DirectReads {
    private final KubernetesClient api;
    private final LongAdder reads;

    DirectReads(KubernetesClient api, LongAdder reads) {
        this.api = api;
        this.reads = reads;
    }

    /** Empty when the API says there is no such pod. */
    Optional<Pod> pod(PodRef ref) {
        return get("reading pod " + ref,
                () -> api.pods().inNamespace(ref.namespace()).withName(ref.name()).get());
    }

    /** Empty when the API says there is no such NAD (or no NAD CRD). */
    Optional<NetworkAttachmentDefinition> nad(NadRef ref) {
        return get("reading NetworkAttachmentDefinition " + ref,
                () -> api.resources(NetworkAttachmentDefinition.class)
                        .inNamespace(ref.namespace()).withName(ref.name()).get());
    }

    private <T> Optional<T> get(String doing, Supplier<T> request) {
        reads.increment();
        try {
            // fabric8's get() answers null for 404 itself; the catch covers other paths to it.
            return Optional.ofNullable(request.get());
        } catch (KubernetesClientException e) {
            if (ApiFailures.isNotFound(e)) {
                return Optional.empty();
            }
            throw ApiFailures.tryAgainLater(doing, e);
        }
    }
}
