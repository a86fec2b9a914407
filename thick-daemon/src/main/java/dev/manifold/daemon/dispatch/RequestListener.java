package dev.manifold.daemon.dispatch;

/**
 * Told about every {@code POST /cni} request the edge handles, e.g. to count them. Called on the
 * request's own thread: implementations must be quick and must not throw.
 */
public interface RequestListener {
    /** A request arrived (before it is parsed or admitted). */
    void started();

    /** The request was answered; called once for every {@link #started()}. */
    void finished(RequestSummary summary);
}
