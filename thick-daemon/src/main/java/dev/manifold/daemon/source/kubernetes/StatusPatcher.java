package dev.manifold.daemon.source.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.crds.Annotations;
import dev.manifold.crds.npwg.NpwgJson;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the pod's {@code k8s.v1.cni.cncf.io/network-status} with one JSON merge patch that names
 * no resourceVersion, so a concurrent change to other fields of the pod cannot make it conflict
 * and nothing else of the pod is rewritten (Multus lost entries by read-modify-write, MI#855).
 *
 * <p>Conflicts, throttling (429), server errors and no answer at all are retried with a doubling
 * pause until {@code budget} is spent; the last attempt may then still run for one request
 * deadline. Every attempt counts in {@code writes}.
 */
final class StatusPatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private final KubernetesClient api;
    private final Duration budget;
    private final LongAdder writes;

    StatusPatcher(KubernetesClient api, Duration budget, LongAdder writes) {
        this.api = api;
        this.budget = budget;
        this.writes = writes;
    }

    /**
     * Replaces the annotation with {@code status}; an empty list removes it. A pod that is gone
     * (404) is done.
     *
     * @throws CniException code 11 when the patch did not go through within the budget
     */
    void publish(PodRef pod, List<NetworkStatus> status) {
        String patch = mergePatch(status);
        // Given only a name, fabric8 GETs the pod before a string patch (to build the URL); given
        // the object, it sends the PATCH alone. The stub's fields are not sent.
        Pod target = new PodBuilder().withNewMetadata()
                .withNamespace(pod.namespace()).withName(pod.name()).endMetadata().build();
        String doing = "writing network-status of pod " + pod;
        long deadline = System.nanoTime() + budget.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            writes.increment();
            try {
                api.pods().inNamespace(pod.namespace()).resource(target)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                return;
            } catch (KubernetesClientException e) {
                if (ApiFailures.isNotFound(e)) {
                    return;
                }
                if (!ApiFailures.isTransient(e) || System.nanoTime() + pause.toNanos() > deadline) {
                    throw ApiFailures.tryAgainLater(doing, e);
                }
            }
            sleep(pause, doing);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** The merge patch body: RFC 7386 removes a key whose value is {@code null}. */
    static String mergePatch(List<NetworkStatus> status) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode annotations = root.putObject("metadata").putObject("annotations");
        if (status.isEmpty()) {
            annotations.putNull(Annotations.NETWORK_STATUS);
        } else {
            annotations.put(Annotations.NETWORK_STATUS, NpwgJson.writeStatus(status));
        }
        return root.toString();
    }

    private static void sleep(Duration pause, String doing) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "interrupted while " + doing, e);
        }
    }
}
