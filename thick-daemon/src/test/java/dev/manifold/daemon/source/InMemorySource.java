package dev.manifold.daemon.source;

import dev.manifold.daemon.selection.NadRef;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinitionBuilder;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ClusterSource} held in maps, for unit tests of what sits above the source. */
public final class InMemorySource implements ClusterSource {
    private final Map<PodRef, PodInfo> pods = new ConcurrentHashMap<>();
    private final Map<NadRef, NetworkAttachmentDefinition> nads = new ConcurrentHashMap<>();
    private final Map<PodRef, List<NetworkStatus>> status = new ConcurrentHashMap<>();

    public InMemorySource pod(String namespace, String name, Map<String, String> annotations) {
        PodRef ref = new PodRef(namespace, name);
        pods.put(ref, new PodInfo(ref, Optional.of("uid-" + name), annotations));
        return this;
    }

    public InMemorySource nad(String namespace, String name, String config) {
        nads.put(new NadRef(namespace, name), new NetworkAttachmentDefinitionBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withConfig(config).endSpec().build());
        return this;
    }

    public PodInfo podInfo(String namespace, String name) {
        return pods.get(new PodRef(namespace, name));
    }

    public Optional<List<NetworkStatus>> statusOf(PodRef ref) {
        return Optional.ofNullable(status.get(ref));
    }

    @Override
    public void start() {
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public PodLookup pod(PodRef ref) {
        PodInfo p = pods.get(ref);
        return p == null ? PodLookup.gone(ref) : PodLookup.found(p);
    }

    @Override
    public Optional<NetworkAttachmentDefinition> nad(NadRef ref) {
        return Optional.ofNullable(nads.get(ref));
    }

    @Override
    public void publishStatus(PodRef pod, List<NetworkStatus> entries) {
        if (entries.isEmpty()) {
            status.remove(pod);
        } else {
            status.put(pod, List.copyOf(entries));
        }
    }

    @Override
    public void event(PodRef pod, String reason, String message) {
    }

    @Override
    public void close() {
    }
}
