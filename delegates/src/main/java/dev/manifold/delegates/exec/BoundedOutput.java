package dev.manifold.delegates.exec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Captures a child's output without letting a runaway plugin fill the heap: beyond the limit,
 * bytes are counted and dropped. {@link #keepingFirst} keeps the head (a result is read from the
 * start; a truncated one fails to parse, which is the right outcome), {@link #keepingLast} keeps
 * the tail (the last lines of stderr usually say what went wrong).
 */
final class BoundedOutput extends OutputStream {
    private final int limit;
    private final boolean keepTail;
    private byte[] buf = new byte[256];
    private int start;
    private int size;
    private long dropped;

    private BoundedOutput(int limit, boolean keepTail) {
        this.limit = limit;
        this.keepTail = keepTail;
    }

    static BoundedOutput keepingFirst(int limit) {
        return new BoundedOutput(limit, false);
    }

    static BoundedOutput keepingLast(int limit) {
        return new BoundedOutput(limit, true);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            append(b[i]);
        }
    }

    private void append(byte b) {
        if (size < limit) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(limit, buf.length * 2));
            }
            buf[(start + size) % buf.length] = b;
            size++;
            return;
        }
        dropped++;
        if (keepTail) {
            // Full ring: overwrite the oldest byte.
            buf[start] = b;
            start = (start + 1) % buf.length;
        }
    }

    /** The kept bytes, in order. */
    synchronized byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (int i = 0; i < size; i++) {
            out.write(buf[(start + i) % buf.length]);
        }
        return out.toByteArray();
    }

    /** How many bytes were over the limit and not kept. */
    synchronized long dropped() {
        return dropped;
    }
}
