package dev.manifold.daemon.attach;

import dev.manifold.delegates.result.Result1x;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs the delegates of one {@link AddRounds round}: the first on the request's own thread, the
 * others on a pool shared by all requests and bounded to {@code threads}, so that a burst of pods
 * with many secondaries cannot start an unbounded number of plugins. Idle pool threads end after
 * a minute.
 *
 * <p>A round always runs to its end: when one delegate fails the others are left to finish (a
 * plugin is not interrupted halfway), so that rollback knows exactly what was added. The round
 * then throws the failure of the lowest plan index, with the others suppressed.
 */
final class RoundRunner {
    private final ThreadPoolExecutor pool;

    RoundRunner(int threads) {
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("manifold-secondary-", 0).daemon().factory());
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code add} for every index of {@code round}, recording each in {@code attempts}. */
    void run(List<Integer> round, Attempts attempts, IntFunction<Result1x> add) {
        round.forEach(attempts::tried);
        if (round.size() == 1) {
            attempts.added(round.getFirst(), add.apply(round.getFirst()));
            return;
        }
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        List<Future<?>> others = new ArrayList<>();
        for (int index : round.subList(1, round.size())) {
            others.add(pool.submit(() -> withMdc(mdc, () -> attempts.added(index, add.apply(index)))));
        }
        List<RuntimeException> failures = new ArrayList<>();
        try {
            attempts.added(round.getFirst(), add.apply(round.getFirst()));
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (Future<?> f : others) {
            awaitQuietly(f).ifPresent(failures::add);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * Waits for {@code f} even when interrupted (a plugin run is bounded by its own timeout, and
     * rollback must know how it ended); the interrupt is kept for the caller.
     */
    private static Optional<RuntimeException> awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return Optional.empty();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return Optional.of(e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("secondary ADD failed: " + e.getCause(), e.getCause()));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void withMdc(Map<String, String> mdc, Runnable work) {
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        try {
            work.run();
        } finally {
            MDC.clear();
        }
    }
}
