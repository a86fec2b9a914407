package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodInfo;
import dev.manifold.daemon.source.PodLookup;
import dev.manifold.daemon.source.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pods and NADs from the Kubernetes API: reads come from two informer caches (this node's pods,
 * all NADs) and fall back to one GET with a deadline on a miss; writes are one merge patch of the
 * network-status per call and asynchronous events.
 *
 * <p>The client is borrowed: {@link #close()} stops the watches and the event sender, not the
 * client. Request-path calls go through a copy of it that never retries on its own and gives up
 * after {@link Timeouts#request()}, so a lookup takes at most that long.
 */
public final class KubernetesSource implements ClusterSource {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesSource.class);

    /**
     * @param sync    how long {@link #start()} waits for the caches
     * @param request the deadline of one request-path call (GET, patch, event)
     * @param publish how long {@link #publishStatus} keeps retrying a patch
     */
    public record Timeouts(Duration sync, Duration request, Duration publish) {
        public static final Timeouts DEFAULTS =
                new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10));

        public Timeouts {
            requirePositive(sync, "sync");
            requirePositive(request, "request");
            requirePositive(publish, "publish");
        }

        private static void requirePositive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " timeout must be positive, got " + d);
            }
        }
    }

    /**
     * API requests made on the request path since construction: {@code reads} are GETs after a
     * cache miss, {@code writes} are patch attempts and events. The informers' list and watch
     * traffic is not counted.
     */
    public record ApiCounters(long reads, long writes) {
    }

    private final Timeouts timeouts;
    private final InformerCaches caches;
    private final DirectReads reads;
    private final StatusPatcher status;
    private final PodEvents events;
    private final LongAdder readCount = new LongAdder();
    private final LongAdder writeCount = new LongAdder();

    public KubernetesSource(KubernetesClient client, String nodeName) {
        this(client, nodeName, Timeouts.DEFAULTS);
    }

    public KubernetesSource(KubernetesClient client, String nodeName, Timeouts timeouts) {
        Objects.requireNonNull(client, "client");
        if (nodeName == null || nodeName.isBlank()) {
            throw new IllegalArgumentException("nodeName must not be empty: the pod watch is scoped to this node");
        }
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        KubernetesClient api = withDeadline(client, timeouts.request());
        this.caches = new InformerCaches(client, nodeName);
        this.reads = new DirectReads(api, readCount);
        this.status = new StatusPatcher(api, timeouts.publish(), writeCount);
        this.events = new PodEvents(api, nodeName, writeCount);
    }

    /**
     * Starts the watches and waits at most {@link Timeouts#sync()} for them. It waits no longer
     * because a missing RBAC rule or CRD would make it wait forever; it does not fail then either:
     * {@link #ready()} stays false until the caches sync, and lookups use GETs meanwhile.
     */
    @Override
    public void start() {
        if (!caches.start(timeouts.sync())) {
            LOG.warn("Kubernetes caches not synced after {} ms; reading the API directly until they are "
                    + "(can the daemon list and watch pods and network-attachment-definitions?)",
                    timeouts.sync().toMillis());
        }
    }

    @Override
    public boolean ready() {
        return caches.synced();
    }

    /** From the cache, else one GET: 404 is {@code Gone}; no answer is code 11. */
    @Override
    public PodLookup pod(PodRef ref) {
        return caches.pod(ref).or(() -> reads.pod(ref))
                .map(pod -> PodLookup.found(info(ref, pod)))
                .orElseGet(() -> PodLookup.gone(ref));
    }

    /** One GET, whatever the cache holds. */
    @Override
    public PodLookup podUncached(PodRef ref) {
        return reads.pod(ref).map(pod -> PodLookup.found(info(ref, pod))).orElseGet(() -> PodLookup.gone(ref));
    }

    /** From the cache, else one GET: 404 is empty; no answer is code 11. */
    @Override
    public Optional<NetworkAttachmentDefinition> nad(NadRef ref) {
        return caches.nad(ref).or(() -> reads.nad(ref));
    }

    @Override
    public void publishStatus(PodRef pod, List<NetworkStatus> status) {
        this.status.publish(pod, status);
    }

    /** The event names the pod's UID when the cache knows it; no API read is spent on it. */
    @Override
    public void event(PodRef pod, String reason, String message) {
        Optional<String> uid = caches.pod(pod).map(p -> p.getMetadata().getUid());
        events.post(pod, uid, reason, message);
    }

    public ApiCounters apiCounters() {
        return new ApiCounters(readCount.sum(), writeCount.sum());
    }

    /** Whether the pod cache holds {@code ref} (no API call); for diagnostics and tests. */
    boolean cached(PodRef ref) {
        return caches.pod(ref).isPresent();
    }

    @Override
    public void close() {
        caches.close();
        events.close();
    }

    private static PodInfo info(PodRef ref, Pod pod) {
        Pod identity = PodIdentityStore.identity(pod);
        Optional<String> uid = Optional.ofNullable(identity.getMetadata().getUid()).filter(u -> !u.isBlank());
        return new PodInfo(ref, uid, identity.getMetadata().getAnnotations());
    }

    /**
     * A view of {@code client} sharing its connections, whose calls are not retried by fabric8
     * (its default is 10 retries, about 20 s) and time out after {@code deadline}. Never closed:
     * closing it would close the shared HTTP client.
     */
    private static KubernetesClient withDeadline(KubernetesClient client, Duration deadline) {
        RequestConfig config = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestTimeout(Math.toIntExact(deadline.toMillis()))
                .withRequestRetryBackoffLimit(0)
                .build();
        return client.newClient(config).adapt(KubernetesClient.class);
    }
}
