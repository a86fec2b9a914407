package dev.manifold.daemon.source;

/** How looking a pod up ended. */
public sealed interface PodLookup {
    record Found(PodInfo pod) implements PodLookup {
    }

    /** The source answered: there is no such pod. */
    record Gone(PodRef ref) implements PodLookup {
    }

    static PodLookup found(PodInfo pod) {
        return new Found(pod);
    }

    static PodLookup gone(PodRef ref) {
        return new Gone(ref);
    }
}
