package dev.manifold.daemon.attach;

import dev.manifold.delegates.result.Result1x;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What each planned delegate's ADD has come to, by plan index: not tried, tried (running or
 * failed), or added with its result. Safe to update from the threads of one round.
 */
final class Attempts {
    private final AtomicReferenceArray<Result1x> results;
    private final boolean[] tried;

    Attempts(int size) {
        this.results = new AtomicReferenceArray<>(size);
        this.tried = new boolean[size];
    }

    /** Marks {@code index} tried; called by the request thread before the delegate starts. */
    void tried(int index) {
        tried[index] = true;
    }

    void added(int index, Result1x result) {
        results.set(index, result);
    }

    boolean wasTried(int index) {
        return tried[index];
    }

    Optional<Result1x> result(int index) {
        return Optional.ofNullable(results.get(index));
    }

    /** Every result in plan order. @throws IllegalStateException when one is missing */
    List<Result1x> all() {
        List<Result1x> out = new ArrayList<>(results.length());
        for (int i = 0; i < results.length(); i++) {
            out.add(result(i).orElseThrow(() -> new IllegalStateException("delegate not added")));
        }
        return out;
    }

    int size() {
        return results.length();
    }
}
