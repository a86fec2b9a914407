package dev.manifold.daemon.source.kubernetes;

import dev.manifold.daemon.source.PodRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Core v1 {@code Normal} events on pods, as Multus writes them ({@code AddedInterface}), sent by
 * one background thread so that no request waits for them. Best effort by design: when
 * {@value #QUEUE} events are already waiting a new one is dropped, and a failed write is logged,
 * never retried. Every write counts in {@code writes}.
 */
final class PodEvents implements AutoCloseable {
    static final String COMPONENT = "manifold";
    private static final Logger LOG = LoggerFactory.getLogger(PodEvents.class);
    private static final int QUEUE = 256;
    // The API server rejects longer messages (validation of core v1 Event).
    private static final int MAX_MESSAGE = 1024;
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final KubernetesClient api;
    private final String nodeName;
    private final LongAdder writes;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), PodEvents::daemonThread, PodEvents::drop);

    PodEvents(KubernetesClient api, String nodeName, LongAdder writes) {
        this.api = api;
        this.nodeName = nodeName;
        this.writes = writes;
    }

    /** Queues the event; returns at once and never throws. */
    void post(PodRef pod, Optional<String> uid, String reason, String message) {
        Event event = event(pod, uid, reason, message);
        sender.execute(() -> send(pod, event));
    }

    private Event event(PodRef pod, Optional<String> uid, String reason, String message) {
        String text = message == null ? "" : message;
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata()
                .withNamespace(pod.namespace())
                .withGenerateName(pod.name() + ".")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("v1")
                .withKind("Pod")
                .withNamespace(pod.namespace())
                .withName(pod.name())
                .withUid(uid.orElse(null))
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason)
                .withMessage(text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE))
                .withNewSource().withComponent(COMPONENT).withHost(nodeName).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(nodeName)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
    }

    /** Sends what is queued for up to two seconds, then drops the rest. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void send(PodRef pod, Event event) {
        writes.increment();
        try {
            api.v1().events().inNamespace(pod.namespace()).resource(event).create();
        } catch (RuntimeException e) {
            LOG.warn("event {} on pod {} not recorded: {}", event.getReason(), pod, e.toString());
        }
    }

    private static Thread daemonThread(Runnable r) {
        Thread t = new Thread(r, "manifold-pod-events");
        t.setDaemon(true);
        return t;
    }

    private static void drop(Runnable event, ThreadPoolExecutor sender) {
        // Full queue (an API that is slow or down) or closed: the event is informational only.
        LOG.debug("pod event dropped ({} waiting, shut down: {})", sender.getQueue().size(), sender.isShutdown());
    }
}
