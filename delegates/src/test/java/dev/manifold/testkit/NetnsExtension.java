package dev.manifold.testkit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The extension behind {@link NetnsTest}. Checks once per test run that the machine can run
 * network-namespace tests (root, {@code ip} on the PATH, the real plugins, {@code ip netns add}
 * works). When it cannot, tests are skipped with the reason, or fail with it when the system
 * property {@code manifold.requireNetns} is {@code true}: CI runs as root, so a skip there means
 * a broken machine, not a test that may be ignored.
 *
 * <p>Resolves {@link Netns} and {@link HostVeth} parameters, each freshly created, and deletes
 * them after the test whether it passed or not (a failure to delete fails the test).
 */
public final class NetnsExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        AfterEachCallback {
    public static final String REQUIRE_PROPERTY = "manifold.requireNetns";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NetnsExtension.class);
    private static final String MISSING = "missing preconditions";

    @Override
    public void beforeAll(ExtensionContext context) {
        requirePreconditions(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requirePreconditions(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Netns.class || type == HostVeth.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == Netns.class) {
            Netns netns = Netns.create();
            resources(context).add(netns::close);
            return netns;
        }
        HostVeth veth = HostVeth.create();
        resources(context).add(veth::close);
        return veth;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        resources(context).close();
    }

    private static Resources resources(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Resources.class, key -> new Resources(), Resources.class);
    }

    private static void requirePreconditions(ExtensionContext context) {
        String missing = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MISSING, key -> missingPrecondition().orElse(""), String.class);
        if (missing.isEmpty()) {
            return;
        }
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new ExtensionConfigurationException(
                    "network-namespace test cannot run: " + missing + " (" + REQUIRE_PROPERTY + "=true)");
        }
        Assumptions.abort("network-namespace test skipped: " + missing);
    }

    /** The first unmet precondition, if any. */
    static Optional<String> missingPrecondition() {
        Optional<String> uid = effectiveUid().filter(u -> !u.equals("0"));
        if (uid.isPresent()) {
            return Optional.of("not running as root (uid " + uid.get() + ")");
        }
        if (!Commands.succeeds("ip", "-V")) {
            return Optional.of("the ip command (iproute2) is not on the PATH");
        }
        if (!CniPlugins.present("bridge")) {
            return Optional.of("no CNI plugins in " + CniPlugins.DIR + " (apt install containernetworking-plugins)");
        }
        try {
            Netns.create().close();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of("ip netns add fails: " + e.getMessage());
        }
    }

    private static Optional<String> effectiveUid() {
        try {
            // "Uid:\treal\teffective\tsaved\tfs"
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Optional.of(line.split("\\s+")[2]);
                }
            }
            return Optional.of("unknown");
        } catch (IOException e) {
            return Optional.of("unknown: " + e.getMessage());
        }
    }

    /** How to delete what one test created; run in reverse order. */
    static final class Resources implements AutoCloseable {
        private final List<Runnable> open = new ArrayList<>();

        synchronized void add(Runnable resource) {
            open.add(resource);
        }

        @Override
        public synchronized void close() {
            RuntimeException failure = null;
            for (Runnable resource : open.reversed()) {
                try {
                    resource.run();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            open.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
