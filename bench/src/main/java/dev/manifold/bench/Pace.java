package dev.manifold.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How a latency series follows one operation with the next. */
enum Pace {
    /** A pause before each operation: caches cool, the daemon is idle when a request comes. */
    RESTED("rested"),
    /** Each operation starts as soon as the previous one returned. */
    BACK_TO_BACK("back to back");

    final String label;

    Pace(String label) {
        this.label = label;
    }

    void pause(Duration rest) {
        if (this == RESTED) {
            try {
                TimeUnit.NANOSECONDS.sleep(rest.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
