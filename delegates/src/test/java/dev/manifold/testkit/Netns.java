package dev.manifold.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A throwaway named network namespace ({@code ip netns add mf-<8 hex>}), with {@code lo} up, and
 * read-only views of what is inside it through {@code ip -j}. {@link #close()} deletes it (and
 * with it every link a plugin moved in); closing twice is fine.
 */
public final class Netns implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Netns(String name) {
        this.name = name;
    }

    public static Netns create() {
        String name = "mf-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
        Commands.run("ip", "netns", "add", name);
        Netns netns = new Netns(name);
        try {
            Commands.run("ip", "-n", name, "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            netns.close();
            throw e;
        }
        return netns;
    }

    public String name() {
        return name;
    }

    /** The bind mount {@code ip netns} keeps; what CNI_NETNS names. */
    public Path path() {
        return Path.of("/var/run/netns", name);
    }

    public List<String> linkNames() {
        List<String> names = new ArrayList<>();
        ip("link").forEach(link -> names.add(link.path("ifname").asText()));
        return names;
    }

    /** {@code ip -j addr}: one entry per link, addresses under {@code addr_info}. */
    public JsonNode addresses() {
        return ip("addr");
    }

    /** The IPv4 addresses of {@code ifName} as CIDRs, e.g. {@code 10.1.2.3/24}; empty when it has none. */
    public List<String> ipv4Addresses(String ifName) {
        List<String> cidrs = new ArrayList<>();
        for (JsonNode link : addresses()) {
            if (ifName.equals(link.path("ifname").asText())) {
                for (JsonNode addr : link.path("addr_info")) {
                    if ("inet".equals(addr.path("family").asText())) {
                        cidrs.add(addr.path("local").asText() + "/" + addr.path("prefixlen").asInt());
                    }
                }
            }
        }
        return cidrs;
    }

    /** IPv4 routes of the main table. */
    public JsonNode routes() {
        return ip("route");
    }

    /** IPv6 routes of the main table. */
    public JsonNode routes6() {
        return ip("-6", "route");
    }

    /** IPv4 policy rules. */
    public JsonNode rules() {
        return ip("rule");
    }

    /**
     * Runs {@code command} inside the namespace ({@code ip netns exec}).
     *
     * @return stdout
     * @throws IllegalStateException when it fails, quoting stderr
     */
    public String run(String... command) {
        String[] argv = Stream.concat(Stream.of("ip", "netns", "exec", name), Stream.of(command))
                .toArray(String[]::new);
        return Commands.run(argv);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && Files.exists(path())) {
            Commands.run("ip", "netns", "del", name);
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }

    private JsonNode ip(String... args) {
        String[] argv = Stream.concat(Stream.of("ip", "-j", "-n", name), Stream.of(args)).toArray(String[]::new);
        String out = Commands.run(argv);
        try {
            // ip prints nothing at all (not "[]") for an empty table.
            return JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw new IllegalStateException("ip printed no JSON: " + out, e);
        }
    }
}
