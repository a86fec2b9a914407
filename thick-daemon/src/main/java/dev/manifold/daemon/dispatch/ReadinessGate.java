package dev.manifold.daemon.dispatch;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code readinessindicatorfile}: ADD waits, bounded, until the file exists (the cluster
 * network's "I am up" marker), then fails with code 11 naming the file.
 */
final class ReadinessGate {
    private ReadinessGate() {
    }

    static void await(Optional<Path> file, Duration timeout) {
        if (file.isEmpty() || Files.exists(file.get())) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file.get())) {
                return;
            }
            try {
                Thread.sleep(100); // polled here; an inotify-driven gate belongs to the node-integration work
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "cluster network not ready: readiness indicator file "
                + file.get() + " does not exist after " + timeout.toSeconds() + "s");
    }
}
