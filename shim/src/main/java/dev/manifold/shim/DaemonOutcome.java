package dev.manifold.shim;

/**
 * How one attempt to talk to the daemon ended. Only {@link Unreachable} is worth retrying: once the
 * request may have reached the daemon, sending it again could run delegates twice.
 */
sealed interface DaemonOutcome permits HttpReply, DaemonOutcome.Unreachable, DaemonOutcome.TimedOut,
        DaemonOutcome.Broken {

    /** The connection could not be made (no socket file, connection refused, connect timed out). */
    record Unreachable(String reason) implements DaemonOutcome {
    }

    /** Connected, but no complete reply came within the response timeout. */
    record TimedOut(long waitedMillis) implements DaemonOutcome {
    }

    /** Connected, but the exchange failed: the daemon hung up early or did not speak HTTP. */
    record Broken(String reason) implements DaemonOutcome {
    }
}
