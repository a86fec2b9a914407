package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinitionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two watches the daemon keeps: the pods scheduled to this node (field selector
 * {@code spec.nodeName}, all namespaces — a cluster-wide pod watch is what made Multus daemons use
 * gigabytes on large clusters) and every NetworkAttachmentDefinition.
 *
 * <p>An informer whose list or watch fails keeps retrying with fabric8's backoff, also before its
 * first sync: an RBAC rule or CRD installed after the daemon started then takes effect without a
 * restart.
 */
final class InformerCaches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InformerCaches.class);

    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<NetworkAttachmentDefinition> nads;

    InformerCaches(KubernetesClient client, String nodeName) {
        this.pods = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).runnableInformer(0);
        this.pods.itemStore(new PodIdentityStore());
        this.nads = client.resources(NetworkAttachmentDefinition.class).inAnyNamespace().runnableInformer(0);
        keepRetrying(pods, "pods on node " + nodeName);
        keepRetrying(nads, "NetworkAttachmentDefinitions");
    }

    /**
     * Starts both watches and waits at most {@code timeout} for their first full list.
     *
     * @return whether both synced in time; if not, they go on trying in the background
     */
    boolean start(Duration timeout) {
        CompletableFuture<Void> synced = CompletableFuture.allOf(
                pods.start().toCompletableFuture(), nads.start().toCompletableFuture());
        try {
            synced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // keepRetrying's handler has logged the failure already.
            LOG.debug("Kubernetes watch stopped before its first sync", e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean synced() {
        return pods.hasSynced() && nads.hasSynced();
    }

    /** The cached pod: identity and annotations only (see {@link PodIdentityStore}). */
    Optional<Pod> pod(PodRef ref) {
        return Optional.ofNullable(pods.getStore().getByKey(Cache.namespaceKeyFunc(ref.namespace(), ref.name())));
    }

    /** A copy of the cached NAD: callers may change it without corrupting the cache. */
    Optional<NetworkAttachmentDefinition> nad(NadRef ref) {
        return Optional.ofNullable(nads.getStore().getByKey(Cache.namespaceKeyFunc(ref.namespace(), ref.name())))
                .map(nad -> new NetworkAttachmentDefinitionBuilder(nad).build());
    }

    @Override
    public void close() {
        pods.stop();
        nads.stop();
    }

    private static void keepRetrying(SharedIndexInformer<?> informer, String what) {
        // fabric8's default gives up when the first list fails (an informer that is not started
        // yet), leaving the daemon on direct GETs for good.
        informer.exceptionHandler((started, failure) -> {
            LOG.warn("watching {} failed, retrying: {}", what, failure.toString());
            return true;
        });
    }
}
