package dev.manifold.daemon.source;

import dev.manifold.daemon.selection.NadRef;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;

import java.util.List;
import java.util.Optional;

/**
 * Where pods and NetworkAttachmentDefinitions come from and where network status goes: the
 * Kubernetes API (informer caches) or a standalone folder of manifests.
 *
 * <p>Lookups never block without a deadline. When the source cannot answer (API unreachable or
 * too slow) they throw {@link dev.manifold.delegates.spec.CniException} code 11 (try again later)
 * with a message saying so.
 */
public interface ClusterSource extends AutoCloseable {
    /** Starts watching (informers) and waits, bounded, until caches are synced. */
    void start();

    /** Whether lookups can be answered (caches synced / folder readable). */
    boolean ready();

    PodLookup pod(PodRef ref);

    /**
     * The pod as the source holds it now, bypassing any cache: used when the cached pod's UID
     * differs from the request's, since a pod recreated under the same name (a StatefulSet's) can
     * reach the request before its watch event reaches the cache.
     */
    default PodLookup podUncached(PodRef ref) {
        return pod(ref);
    }

    Optional<NetworkAttachmentDefinition> nad(NadRef ref);

    /**
     * Replaces the pod's {@code k8s.v1.cni.cncf.io/network-status} with {@code status} (one
     * write; an empty list removes the annotation). A pod that is gone is not an error.
     */
    void publishStatus(PodRef pod, List<NetworkStatus> status);

    /** A {@code Normal} event on the pod (asynchronous, best effort: never fails the request). */
    void event(PodRef pod, String reason, String message);

    @Override
    void close();
}
