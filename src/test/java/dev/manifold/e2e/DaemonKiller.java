package dev.manifold.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * SIGKILLs the daemon at random moments and starts it again, until stopped. After each start it
 * waits until the daemon made progress (a request of the workers succeeded, so that a slow machine
 * still gets work done between kills), then for a random time up to {@code maxUptime}, and kills —
 * at once, or (every other time, at random) as soon as a delegate runs.
 * Counts what each kill hit: a delegate running (the daemon had a child process) or a journal
 * write in flight (a temporary file was left in the attachments directory).
 */
final class DaemonKiller implements AutoCloseable {
    private final DaemonProcess daemon;
    private final Path attachments;
    private final IntSupplier progress;
    private final Duration maxUptime;
    private final Random random;
    /** How long a kill aimed at a delegate waits for one to run. */
    private static final Duration DELEGATE_WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("daemon-killer").factory());
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger duringDelegate = new AtomicInteger();
    private final AtomicInteger duringJournalWrite = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Throwable failure;

    /** @param progress a count that grows with every request the daemon served successfully */
    DaemonKiller(DaemonProcess daemon, Path attachments, IntSupplier progress, Duration maxUptime, long seed) {
        this.daemon = daemon;
        this.attachments = attachments;
        this.progress = progress;
        this.maxUptime = maxUptime;
        this.random = new Random(seed);
    }

    void start() {
        timer.execute(() -> killAfterProgress(progress.getAsInt()));
    }

    int kills() {
        return kills.get();
    }

    int killsDuringDelegate() {
        return duringDelegate.get();
    }

    int killsDuringJournalWrite() {
        return duringJournalWrite.get();
    }

    /** Stops killing; waits for a kill in progress to finish with the daemon started again. */
    @Override
    public void close() {
        stopped = true;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new AssertionError("the daemon killer did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new AssertionError("restarting the daemon failed", failure);
        }
    }

    /** Once {@code progress} passed {@code baseline}: a kill after a random time up to {@code maxUptime}. */
    private void killAfterProgress(int baseline) {
        if (stopped) {
            return;
        }
        if (progress.getAsInt() <= baseline) {
            timer.schedule(() -> killAfterProgress(baseline), 50, TimeUnit.MILLISECONDS);
            return;
        }
        long uptime = (long) (random.nextDouble() * maxUptime.toMillis());
        if (random.nextBoolean()) {
            timer.schedule(this::killAndRestart, uptime, TimeUnit.MILLISECONDS);
        } else {
            timer.schedule(() -> killInDelegate(System.nanoTime() + DELEGATE_WAIT.toNanos()), uptime, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Every other kill aims at a delegate exec: as soon as the daemon has a child process (or when
     * none came by {@code giveUpNanos}), after a random part of the slow delegate's pause.
     */
    private void killInDelegate(long giveUpNanos) {
        if (stopped) {
            return;
        }
        if (daemon.handle().descendants().findAny().isEmpty() && System.nanoTime() < giveUpNanos) {
            timer.schedule(() -> killInDelegate(giveUpNanos), 10, TimeUnit.MILLISECONDS);
            return;
        }
        timer.schedule(this::killAndRestart, random.nextInt(250), TimeUnit.MILLISECONDS);
    }

    private void killAndRestart() {
        try {
            boolean delegateRunning = daemon.handle().descendants().findAny().isPresent();
            daemon.kill();
            kills.incrementAndGet();
            if (delegateRunning) {
                duringDelegate.incrementAndGet();
            }
            if (temporaryFileLeft()) {
                duringJournalWrite.incrementAndGet();
            }
            daemon.start();
            killAfterProgress(progress.getAsInt());
        } catch (Throwable t) {
            failure = t;
            stopped = true;
        }
    }

    /** AtomicFiles writes {@code .<name>.<random>.tmp} and renames it: one left means a write was cut. */
    private boolean temporaryFileLeft() {
        if (!Files.isDirectory(attachments)) {
            return false;
        }
        try (Stream<Path> files = Files.list(attachments)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"));
        } catch (IOException e) {
            return false;
        }
    }
}
