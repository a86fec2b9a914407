package dev.manifold.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A veth pair in the host namespace, both ends up: a stand-in for a physical NIC where the kernel
 * has no {@code dummy} link type (e.g. as a macvlan or ipvlan master). Names are
 * {@code mfv<6 hex>a} and {@code mfv<6 hex>b}. {@link #close()} deletes the pair; closing twice,
 * or after something else deleted it, is fine.
 */
public final class HostVeth implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String master;
    private final String peer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HostVeth(String master, String peer) {
        this.master = master;
        this.peer = peer;
    }

    public static HostVeth create() {
        String base = "mfv" + HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(2);
        HostVeth veth = new HostVeth(base + "a", base + "b");
        Commands.run("ip", "link", "add", veth.master, "type", "veth", "peer", "name", veth.peer);
        try {
            Commands.run("ip", "link", "set", veth.master, "up");
            Commands.run("ip", "link", "set", veth.peer, "up");
        } catch (RuntimeException e) {
            veth.close();
            throw e;
        }
        return veth;
    }

    /** The end to use as a macvlan/ipvlan master. */
    public String master() {
        return master;
    }

    public String peer() {
        return peer;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && Commands.succeeds("ip", "link", "show", master)) {
            Commands.run("ip", "link", "del", master);
        }
    }

    @Override
    public String toString() {
        return "veth " + master + "/" + peer;
    }
}
