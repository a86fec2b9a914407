package dev.manifold.bench;

/**
 * Requests the daemon sent to the API server, by kind, as the server saw them.
 *
 * @param reads       GETs of one object (pod, NAD): what a cache miss costs
 * @param informer    lists and watches (the informers' own traffic, not per request)
 * @param patches     PATCHes of pods: the network-status write
 * @param events      events created (asynchronous)
 * @param otherWrites any other POST, PUT or DELETE
 */
record ApiCounts(long reads, long informer, long patches, long events, long otherWrites) {
    static final ApiCounts ZERO = new ApiCounts(0, 0, 0, 0, 0);

    ApiCounts minus(ApiCounts before) {
        return new ApiCounts(reads - before.reads, informer - before.informer, patches - before.patches,
                events - before.events, otherWrites - before.otherWrites);
    }

    ApiCounts plus(ApiCounts other) {
        return new ApiCounts(reads + other.reads, informer + other.informer, patches + other.patches,
                events + other.events, otherWrites + other.otherWrites);
    }

    /** Writes that a request waits for: everything but events. */
    long syncWrites() {
        return patches + otherWrites;
    }
}
