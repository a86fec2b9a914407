package dev.manifold.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.source.standalone.StandaloneSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code manifold demo}: the main job, end to end on this machine. Starts a daemon on a standalone
 * store copied from {@code examples/demo}, makes a network namespace stand in for a pod, runs the
 * real shim process for ADD (cluster network + a macvlan + a bridge), shows the pod's interfaces
 * and network-status, DELs, and shows that everything is gone. Cleans up even when interrupted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Attach and detach a demo pod's networks through the real shim, daemon and plugins (root).")
final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--home", description = "Manifold checkout (default: from the launcher)")
    Path home;

    @Option(names = "--plugins", description = "CNI plugin directory (default: ${DEFAULT-VALUE})", defaultValue = "/usr/lib/cni")
    Path plugins;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path root = home != null ? home : Path.of(System.getProperty("manifold.home", "."));
        Path examples = root.resolve("examples/demo");
        if (!Files.isDirectory(examples) || !Files.isExecutable(root.resolve("bin/manifold-shim"))) {
            System.err.println("manifold demo: cannot find examples/demo and bin/manifold-shim under " + root.toAbsolutePath());
            return 2;
        }
        if (!"0".equals(Shell.run("id", "-u").trim())) {
            System.err.println("manifold demo: run as root (it creates a network namespace and links)");
            return 2;
        }
        DemoWorld world = new DemoWorld(Files.createTempDirectory("manifold-demo-"));
        Thread cleanup = new Thread(world::tearDown, "manifold-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return run(root, examples, world);
        } finally {
            world.tearDown();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private int run(Path root, Path examples, DemoWorld world) throws Exception {
        step("Preparing: netns " + world.netns + " as the pod, veth mfdemo0 as the LAN link, store in " + world.dir);
        world.create(examples);
        ObjectNode daemonConfig = world.daemonConfig(plugins);
        try (Daemon daemon = new Daemon(ConfigParser.parse(daemonConfig, k -> { }), daemonConfig,
                new StandaloneSource(world.store))) {
            daemon.start();
            step("Daemon up on " + world.socketDir.resolve("multus.sock") + "; pod demo/web asks for: lan, data");

            step("ADD through the real shim (" + root.resolve("bin/manifold-shim") + ")");
            Shell.Result add = world.shim(root, "ADD");
            out.println(pretty(add.stdout()));
            if (add.exit() != 0) {
                System.err.println("ADD failed (exit " + add.exit() + ")");
                return 1;
            }
            step("Interfaces in the pod (ip -n " + world.netns + " -br addr)");
            out.print(Shell.run("ip", "-n", world.netns, "-br", "addr"));
            step("network-status of demo/web (" + world.store.resolve("status/demo/web.json") + ")");
            out.println(new StandaloneSource(world.store).status(new dev.manifold.daemon.source.PodRef("demo", "web")).orElse("(none)"));
            step("IPs held by host-local: " + world.allocations());

            step("DEL through the real shim");
            Shell.Result del = world.shim(root, "DEL");
            if (del.exit() != 0) {
                out.println(del.stdout());
                System.err.println("DEL failed (exit " + del.exit() + ")");
                return 1;
            }
            step("After DEL: links in the pod: " + Shell.run("ip", "-n", world.netns, "-br", "link").trim().replace('\n', ' '));
            step("After DEL: IPs held by host-local: " + world.allocations()
                    + "; network-status recorded: " + Files.exists(world.store.resolve("status/demo/web.json")));
            step("DEL again (idempotent): exit " + world.shim(root, "DEL").exit());
        }
        step("Done; cleaning up.");
        return 0;
    }

    private void step(String text) {
        out.println();
        out.println("==> " + text);
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    /** The demo's throwaway namespace, links and folders. */
    private static final class DemoWorld {
        final Path dir;
        final Path store;
        final Path socketDir;
        final Path cniDir;
        final Path ipamDir;
        final String netns = "manifold-demo-" + Long.toHexString(System.nanoTime() & 0xffffff);
        private boolean tornDown;

        DemoWorld(Path dir) {
            this.dir = dir;
            this.store = dir.resolve("store");
            this.socketDir = dir.resolve("run");
            this.cniDir = dir.resolve("cache");
            this.ipamDir = dir.resolve("ipam");
        }

        void create(Path examples) throws IOException {
            copyTree(examples.resolve("store"), store);
            copyTree(examples.resolve("net.d"), dir.resolve("net.d"));
            keepAllocationsInside(store);
            keepAllocationsInside(dir.resolve("net.d"));
            Shell.run("ip", "netns", "add", netns);
            Shell.run("ip", "link", "add", "mfdemo0", "type", "veth", "peer", "name", "mfdemo0p");
            Shell.run("ip", "link", "set", "mfdemo0", "up");
            Shell.run("ip", "link", "set", "mfdemo0p", "up");
        }

        ObjectNode daemonConfig(Path plugins) {
            ObjectNode c = JSON.createObjectNode();
            c.put("socketDir", socketDir.toString());
            c.put("cniDir", cniDir.toString());
            c.put("binDir", plugins.toString());
            c.put("confDir", dir.resolve("net.d").toString());
            c.put("clusterNetwork", dir.resolve("net.d/10-demo-cluster.conflist").toString());
            c.put("standaloneDir", store.toString());
            c.put("namespaceIsolation", true);
            return c;
        }

        Shell.Result shim(Path root, String command) throws IOException {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("CNI_COMMAND", command);
            env.put("CNI_CONTAINERID", "demo-web-0001");
            env.put("CNI_NETNS", "/var/run/netns/" + netns);
            env.put("CNI_IFNAME", "eth0");
            env.put("CNI_PATH", "/opt/cni/bin");
            env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=demo;K8S_POD_NAME=web;"
                    + "K8S_POD_INFRA_CONTAINER_ID=demo-web-0001;K8S_POD_UID=6f1c2c3e-1b7a-4c47-9f0e-6d8a1e2b0d01");
            String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\","
                    + "\"daemonSocketDir\":\"" + socketDir + "\"}";
            return Shell.exec(java.util.List.of(root.resolve("bin/manifold-shim").toString()), env, conf);
        }

        String allocations() {
            StringBuilder sb = new StringBuilder();
            for (String net : new String[] {"demo-cluster", "lan", "data"}) {
                Path d = ipamDir.resolve(net);
                try (Stream<Path> s = Files.isDirectory(d) ? Files.list(d) : Stream.empty()) {
                    sb.append(net).append("=").append(s.map(p -> p.getFileName().toString())
                            .filter(n -> n.indexOf('.') > 0 || n.indexOf(':') > 0)
                            .filter(n -> !n.startsWith("last_reserved_ip")).sorted().toList()).append(' ');
                } catch (IOException e) {
                    sb.append(net).append("=? ");
                }
            }
            return sb.toString().trim();
        }

        synchronized void tearDown() {
            if (tornDown) {
                return;
            }
            tornDown = true;
            Shell.quiet("ip", "netns", "del", netns);
            Shell.quiet("ip", "link", "del", "mfdemo0");
            Shell.quiet("ip", "link", "del", "mfdemo-data");
            Shell.quiet("ip", "link", "del", "mfdemo-cbr0");
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }

        /**
         * Points host-local at this run's own folder: an interrupted demo then leaves no IP
         * allocation behind in /var/lib/cni/networks (its cleanup deletes the folder).
         */
        private void keepAllocationsInside(Path folder) throws IOException {
            try (Stream<Path> s = Files.list(folder)) {
                for (Path f : s.toList()) {
                    String text = Files.readString(f);
                    Files.writeString(f, text.replace("\"type\": \"host-local\",",
                            "\"type\": \"host-local\", \"dataDir\": \"" + ipamDir + "\","));
                }
            }
        }

        private static void copyTree(Path from, Path to) throws IOException {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(from)) {
                for (Path p : s.toList()) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        }
    }
}
