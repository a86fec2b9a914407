package dev.manifold.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's piece of this host: a folder (configs, journal, host-local allocations, logs),
 * the cluster network (a bridge with host-local), three secondary networks (a macvlan on a veth
 * standing in for a NIC, a second bridge, a ptp), and network namespaces standing in for pods.
 * Names carry a random suffix; {@link #close()} removes every link, namespace and file it made.
 */
final class BenchNode implements AutoCloseable {
    /** The secondaries, in the order a pod with k of them asks for them. */
    static final List<String> SECONDARIES = List.of("lan", "data", "link");
    static final String NAMESPACE = "bench";

    final Path dir;
    final Path netd;
    final Path ipam;
    final String suffix;
    private final Path plugins;
    private final String clusterBridge;
    private final String dataBridge;
    private final String master;
    private final List<String> namespaces = new ArrayList<>();
    private boolean closed;

    BenchNode(Path plugins) {
        this.plugins = plugins;
        this.suffix = HexFormat.of().toHexDigits(new SecureRandom().nextInt()).substring(3);
        this.clusterBridge = "mfbc" + suffix;
        this.dataBridge = "mfbd" + suffix;
        this.master = "mfbm" + suffix;
        try {
            this.dir = Files.createTempDirectory("manifold-bench-");
            this.netd = Files.createDirectories(dir.resolve("net.d"));
            this.ipam = Files.createDirectories(dir.resolve("ipam"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the macvlan master and writes the cluster network config. */
    BenchNode create() {
        Host.run("ip", "link", "add", master, "type", "veth", "peer", "name", "mfbp" + suffix);
        Host.run("ip", "link", "set", master, "up");
        Host.run("ip", "link", "set", "mfbp" + suffix, "up");
        write(clusterNetworkFile(), clusterConfig());
        return this;
    }

    Path plugins() {
        return plugins;
    }

    Path clusterNetworkFile() {
        return netd.resolve("10-bench-cluster.conflist");
    }

    String clusterConfig() {
        return """
                {"cniVersion":"1.0.0","name":"bench-cluster","plugins":[{"type":"bridge","bridge":"%s","isGateway":true,
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.236.0.0/16"}]],"routes":[{"dst":"0.0.0.0/0"}]}}]}"""
                .formatted(clusterBridge, ipam);
    }

    /** The config of secondary network {@code name} (one of {@link #SECONDARIES}). */
    String secondaryConfig(String name) {
        return switch (name) {
            case "lan" -> """
                    {"cniVersion":"1.0.0","name":"lan","type":"macvlan","master":"%s","mode":"bridge",
                     "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.237.0.0/16"}]]}}"""
                    .formatted(master, ipam);
            case "data" -> """
                    {"cniVersion":"1.0.0","name":"data","type":"bridge","bridge":"%s",
                     "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.238.0.0/16"}]]}}"""
                    .formatted(dataBridge, ipam);
            case "link" -> """
                    {"cniVersion":"1.0.0","name":"link","type":"ptp",
                     "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.239.0.0/16"}]]}}"""
                    .formatted(ipam);
            default -> throw new IllegalArgumentException("no secondary network " + name);
        };
    }

    /** The pod annotation asking for the first {@code k} secondaries, or null for none. */
    static String networksAnnotation(int k) {
        return k == 0 ? null : String.join(",", SECONDARIES.subList(0, k));
    }

    /** A new network namespace; returns its path. */
    synchronized Path netns() {
        String name = "mfb" + suffix + "-" + namespaces.size();
        Host.run("ip", "netns", "add", name);
        namespaces.add(name);
        return Path.of("/var/run/netns", name);
    }

    /** The interfaces left in a namespace besides {@code lo}. */
    static List<String> linksIn(Path netns) {
        String out = Host.run("ip", "-n", netns.getFileName().toString(), "-o", "link", "show");
        List<String> links = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] parts = line.split(":\\s+");
            if (parts.length > 1 && !parts[1].startsWith("lo")) {
                links.add(parts[1].split("@")[0]);
            }
        }
        return links;
    }

    /** IP addresses host-local still holds (files named after an address under {@link #ipam}). */
    int allocations() {
        try (Stream<Path> files = Files.walk(ipam)) {
            return (int) files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9a-f.:]+") && !n.startsWith("last"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every allocation (between sources, after a run that leaked). */
    void clearAllocations() {
        deleteTree(ipam);
        try {
            Files.createDirectories(ipam);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        namespaces.forEach(n -> Host.quiet("ip", "netns", "del", n));
        Host.quiet("ip", "link", "del", master);
        Host.quiet("ip", "link", "del", clusterBridge);
        Host.quiet("ip", "link", "del", dataBridge);
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
