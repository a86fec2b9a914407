package dev.manifold.daemon.source.kubernetes;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Turns fabric8 failures into what the runtime should see: CNI code 11 (try again later), since
 * every API failure on the request path is either transient or fixed by an operator without the
 * pod changing.
 *
 * <p>Messages are built from the HTTP status or the innermost cause only. fabric8's own messages
 * carry the request URL; the kubeconfig and token never appear in them, and never do here.
 */
final class ApiFailures {
    private static final int MAX_REASON = 200;

    private ApiFailures() {
    }

    static boolean isNotFound(KubernetesClientException e) {
        return e.getCode() == 404;
    }

    /** Worth another attempt: a conflict, throttling, a server error or no answer at all. */
    static boolean isTransient(KubernetesClientException e) {
        int code = e.getCode();
        return code <= 0 || code == 409 || code == 429 || code >= 500;
    }

    /**
     * Code 11 saying what was being done, e.g. {@code reading pod ns/name}: "unreachable" when no
     * HTTP answer came (refused, timed out), else the status the API server answered.
     */
    static CniException tryAgainLater(String doing, KubernetesClientException e) {
        String msg = e.getCode() > 0
                ? "Kubernetes API answered HTTP " + e.getCode() + " while " + doing + ": " + statusReason(e)
                : "Kubernetes API unreachable while " + doing + ": " + rootReason(e);
        return new CniException(CniErrorCode.TRY_AGAIN_LATER, msg, e);
    }

    private static String statusReason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return shorten(e.getStatus().getMessage());
        }
        return rootReason(e);
    }

    /**
     * What an operator needs to read: "connection refused" or "timed out" when the cause chain
     * says so (HTTP clients wrap these differently, and the innermost cause is then often a bare
     * channel exception), else the innermost cause's message.
     */
    private static String rootReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused" + (t.getMessage() == null || t.getMessage().isBlank() ? "" : " (" + shorten(t.getMessage()) + ")");
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return "timeout: no answer in time";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        if (text != null && !text.isBlank()) {
            return shorten(text);
        }
        return root.getClass().getSimpleName();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "…";
    }
}
