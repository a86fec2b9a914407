package dev.manifold.delegates.invoke;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.testkit.CniPlugins;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.Netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One real-plugin scenario: an invoker on {@code /usr/lib/cni}, fresh random names (bridge,
 * container id, a /24 in 10.200-249.x, a host port) so that parallel runs do not collide, and
 * what must be undone on the host afterwards ({@link #close()}): deleting the namespace removes
 * the links in it, but not portmap's iptables chains nor the bridge.
 */
final class RealPlugins implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final DelegateInvoker invoker = new DelegateInvoker(new PluginLocator(List.of(CniPlugins.DIR)),
            new ProcessPluginExecutor(), Duration.ofSeconds(30));
    final String bridge = "mfbr" + hex(3);
    final String subnet = "10." + (200 + RANDOM.nextInt(50)) + "." + RANDOM.nextInt(256);
    final String containerId = "mf" + hex(8);
    final int hostPort = 20000 + RANDOM.nextInt(10000);
    final Path dataDir;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Runnable> undo = new ArrayList<>();

    RealPlugins(Path dataDir) {
        this.dataDir = dataDir;
        values.put("BRIDGE", bridge);
        values.put("SUBNET", subnet);
        values.put("DATA_DIR", dataDir.toString());
        values.put("HOST_PORT", Integer.toString(hostPort));
    }

    RealPlugins with(String placeholder, String value) {
        values.put(placeholder, value);
        return this;
    }

    /** {@code fixtures/invoke/real/<name>} with this scenario's names filled in. */
    NetConfList list(String name) {
        return NetConfList.parse(InvokeFixtures.bytes("real/" + name, values));
    }

    byte[] fixture(String name) {
        return InvokeFixtures.bytes("real/" + name, values);
    }

    PluginCall callInto(Netns netns, String ifName) {
        return new PluginCall(containerId, Optional.of(netns.path().toString()), ifName, CniArgs.empty());
    }

    /** ADD through {@link #invoker}, remembering to DEL on {@link #close()}. */
    CniResult add(NetConfList list, PluginCall call, RuntimeConfig runtime) {
        undo.add(() -> invoker.del(list, call, runtime, Optional.empty()));
        return invoker.add(list, call, runtime);
    }

    /** The addresses host-local holds for {@code network}: its files named like an IPv4 address. */
    List<String> allocated(String network) {
        Path dir = dataDir.resolve(network);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * DELs what {@link #add} added (again, if the test did already), then deletes the bridge if a
     * plugin created it (bridge DEL leaves it, as it may be shared).
     */
    @Override
    public void close() {
        for (Runnable del : undo.reversed()) {
            try {
                del.run();
            } catch (CniException e) {
                // Best effort: Debian's sbr fails a repeated DEL once its link is gone (see
                // RealChainsTest); everything else DEL touches is idempotent.
            }
        }
        if (Commands.succeeds("ip", "link", "show", bridge)) {
            Commands.run("ip", "link", "del", bridge);
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
