package dev.manifold.daemon.dispatch;

import dev.manifold.daemon.request.CniRequest;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One CNI request as the edge answered it: what the log line and the metrics are made of.
 *
 * @param command     empty when the request could not be parsed far enough to have one
 * @param containerId shortened to 12 characters, as in the log's MDC
 * @param networks    the network-status names involved, in attach order: the plan of an ADD,
 *                    the record of a DEL; empty when the request never got that far
 * @param failure     empty when the request succeeded
 */
public record RequestSummary(Optional<CniCommand> command, Optional<PodRef> pod, Optional<String> containerId,
                             Optional<String> ifName, List<String> networks, Optional<CniException> failure,
                             Duration duration) {
    static final int SHORT_CONTAINER_ID = 12;

    public RequestSummary {
        networks = List.copyOf(networks);
    }

    /** {@code ok}, or the CNI error code as text ({@code 7}, {@code 11}, {@code 999} …). */
    public String outcome() {
        return failure.map(e -> Integer.toString(e.code())).orElse("ok");
    }

    /**
     * The log line, e.g. {@code ADD team/app c0ffee01 eth0 networks=[cluster, team/data] ok 312ms};
     * a failure ends {@code code 7 4ms: <message>}. Absent parts are {@code -}.
     */
    public String line() {
        String head = command.map(Enum::name).orElse("?") + " " + pod.map(PodRef::toString).orElse("-") + " "
                + containerId.orElse("-") + " " + ifName.orElse("-") + " networks=" + networks + " ";
        String took = duration.toMillis() + "ms";
        return failure.map(e -> head + "code " + e.code() + " " + took + ": " + e.getMessage()).orElseGet(() -> head + "ok " + took);
    }

    static String shortId(String containerId) {
        return containerId.length() > SHORT_CONTAINER_ID ? containerId.substring(0, SHORT_CONTAINER_ID) : containerId;
    }

    /**
     * Collects a summary while one request is handled; the edge fills it in as it learns things, so
     * that a request failing halfway is still logged with what was known. One request's, one
     * thread's: not shared.
     */
    static final class Builder {
        private final long startNanos = System.nanoTime();
        private Optional<CniRequest> request = Optional.empty();
        private final List<String> networks = new ArrayList<>();

        void request(CniRequest req) {
            request = Optional.of(req);
        }

        void networks(List<String> statusNames) {
            networks.clear();
            networks.addAll(statusNames);
        }

        RequestSummary succeeded() {
            return build(Optional.empty());
        }

        RequestSummary failed(CniException failure) {
            return build(Optional.of(failure));
        }

        private RequestSummary build(Optional<CniException> failure) {
            return new RequestSummary(request.map(CniRequest::command), request.flatMap(CniRequest::pod),
                    request.flatMap(CniRequest::containerId).map(RequestSummary::shortId),
                    request.flatMap(CniRequest::ifName), networks, failure, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }
}
