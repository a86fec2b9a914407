package dev.manifold.shim;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a channel when its deadline passes, which makes a thread blocked in connect, read or write
 * on it fail with {@code AsynchronousCloseException}. Unix-domain {@code SocketChannel}s have no
 * socket timeouts of their own, and a selector would load far more classes than this thread.
 */
final class Watchdog extends Thread {

    private final Closeable target;
    private volatile long deadlineNanos;
    private volatile boolean disarmed;
    private volatile boolean fired;

    private Watchdog(Closeable target, long timeoutMillis) {
        super("manifold-shim-watchdog");
        setDaemon(true);
        this.target = target;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000;
    }

    /** Starts a watchdog that closes {@code target} after {@code timeoutMillis} unless disarmed. */
    static Watchdog guard(Closeable target, long timeoutMillis) {
        Watchdog watchdog = new Watchdog(target, timeoutMillis);
        watchdog.start();
        return watchdog;
    }

    /** Replaces the deadline with one {@code timeoutMillis} from now. No effect once fired. */
    void restart(long timeoutMillis) {
        deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000;
        LockSupport.unpark(this);
    }

    /** Stops the watchdog; the target is left open. */
    void disarm() {
        disarmed = true;
        LockSupport.unpark(this);
    }

    /** True once the deadline passed and the target was closed: a failure on it was a timeout. */
    boolean fired() {
        return fired;
    }

    @Override
    public void run() {
        while (!disarmed) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                fired = true;
                try {
                    target.close();
                } catch (IOException ignored) {
                    // The blocked thread is woken by the close attempt either way; nothing to add.
                }
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }
}
