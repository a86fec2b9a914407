package dev.manifold.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ADD and DEL of one pod through the real shim process, for pods with 0 … 3 secondaries, rested
 * and back to back, with {@code parallelSecondaries} on (and, for 2 and 3 secondaries rested, off
 * for comparison). Rested series also count the API requests of each operation, once the pause
 * has let its asynchronous events go out.
 */
final class PodLatency {
    /**
     * One series.
     *
     * @param perAdd API requests per ADD (rested series on an API only)
     */
    record Times(int secondaries, Pace pace, boolean parallel, Latency add, Latency del,
                 Optional<ApiCounts> perAdd, Optional<ApiCounts> perDel) {
    }

    /** The pod with {@code k} secondaries and its namespace. */
    record Pod(String name, String uid, Path netns) {
    }

    private final ShimRunner shim;
    private final PodSource source;
    private final Sizes sizes;
    private final List<Pod> pods;
    private int serial;

    /** @param pods index k: the pod asking for k secondaries */
    PodLatency(ShimRunner shim, PodSource source, Sizes sizes, List<Pod> pods) {
        this.shim = shim;
        this.source = source;
        this.sizes = sizes;
        this.pods = List.copyOf(pods);
    }

    List<Times> measure() {
        List<Times> out = new ArrayList<>();
        for (Pace pace : Pace.values()) {
            for (int k = 0; k < pods.size(); k++) {
                out.add(series(k, pace, true));
            }
        }
        for (int k = 2; k < pods.size(); k++) {
            out.add(series(k, Pace.RESTED, false));
        }
        return out;
    }

    private Times series(int k, Pace pace, boolean parallel) {
        Pod pod = pods.get(k);
        Latency.Recorder add = new Latency.Recorder();
        Latency.Recorder del = new Latency.Recorder();
        boolean counting = pace == Pace.RESTED && source.apiCounts().isPresent();
        ApiCounts addRequests = ApiCounts.ZERO;
        ApiCounts delRequests = ApiCounts.ZERO;
        for (int i = 0; i < sizes.warmup() + sizes.runs(); i++) {
            boolean measured = i >= sizes.warmup();
            ShimRunner.Sandbox sandbox = new ShimRunner.Sandbox("lat" + k + (parallel ? "p" : "s") + (serial++),
                    pod.netns(), pod.name(), pod.uid());
            pace.pause(sizes.pause());
            ApiCounts before = counts();
            time(measured, add, () -> shim.run("ADD", sandbox, parallel), "ADD " + sandbox.containerId());
            pace.pause(sizes.pause());
            ApiCounts afterAdd = counts();
            time(measured, del, () -> shim.run("DEL", sandbox, parallel), "DEL " + sandbox.containerId());
            if (counting && measured) {
                pace.pause(sizes.pause());
                addRequests = addRequests.plus(afterAdd.minus(before));
                delRequests = delRequests.plus(counts().minus(afterAdd));
            }
        }
        Optional<ApiCounts> perAdd = counting ? Optional.of(addRequests) : Optional.empty();
        Optional<ApiCounts> perDel = counting ? Optional.of(delRequests) : Optional.empty();
        return new Times(k, pace, parallel, add.summary(), del.summary(), perAdd, perDel);
    }

    private ApiCounts counts() {
        return source.apiCounts().orElse(ApiCounts.ZERO);
    }

    private static void time(boolean measured, Latency.Recorder recorder, Supplier<Host.Exit> run, String what) {
        Host.Exit exit = run.get();
        if (!exit.ok()) {
            System.err.println(what + " failed: " + exit.stdout().trim());
            if (measured) {
                recorder.failed();
            }
        } else if (measured) {
            recorder.ok(exit.nanos());
        }
    }
}
