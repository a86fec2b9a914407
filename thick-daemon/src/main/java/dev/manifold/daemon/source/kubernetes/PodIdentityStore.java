package dev.manifold.daemon.source.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pod informer's store, keeping of each pod only what the daemon reads: namespace, name, UID,
 * resourceVersion (the informer compares it on resync) and annotations. Spec, status and managed
 * fields are most of a pod's size (openshift/cluster-network-operator#2020 measured 1.8 GB for an
 * untrimmed pod cache), and kubectl's last-applied copy can double the rest.
 *
 * <p>Keys are {@code namespace/name}, as {@link Cache#namespaceKeyFunc} builds them.
 */
final class PodIdentityStore implements ItemStore<Pod> {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final BasicItemStore<Pod> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

    /** {@code pod} reduced to its identity and annotations; the argument is not changed. */
    static Pod identity(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        Map<String, String> annotations = new HashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
        annotations.remove(LAST_APPLIED);
        Pod trimmed = new Pod();
        trimmed.setMetadata(new ObjectMetaBuilder()
                .withNamespace(meta.getNamespace())
                .withName(meta.getName())
                .withUid(meta.getUid())
                .withResourceVersion(meta.getResourceVersion())
                .withAnnotations(annotations)
                .build());
        return trimmed;
    }

    @Override
    public String getKey(Pod pod) {
        return store.getKey(pod);
    }

    @Override
    public Pod put(String key, Pod pod) {
        return store.put(key, identity(pod));
    }

    @Override
    public Pod remove(String key) {
        return store.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return store.keySet();
    }

    @Override
    public Stream<Pod> values() {
        return store.values();
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public Pod get(String key) {
        return store.get(key);
    }
}
