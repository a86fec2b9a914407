package dev.manifold.daemon.attach;

/**
 * How an ADD runs a pod's secondary networks (the {@code parallelSecondaries} setting). The
 * cluster network always runs first and alone; results, interface names and network-status keep
 * plan order either way.
 */
public enum SecondaryOrder {
    /** One after the other, in plan order. */
    SEQUENTIAL,
    /**
     * Consecutive secondaries that share nothing on the node ({@link SharedResources}) run at the
     * same time; one that shares something with an earlier one waits for it.
     */
    INDEPENDENT_AT_ONCE;

    public static SecondaryOrder of(boolean parallelSecondaries) {
        return parallelSecondaries ? INDEPENDENT_AT_ONCE : SEQUENTIAL;
    }
}
