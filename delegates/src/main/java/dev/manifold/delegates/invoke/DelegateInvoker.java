package dev.manifold.delegates.invoke;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.manifold.delegates.config.NetConf;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.exec.PluginExecutor;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.ResultConverter;
import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a network configuration list against real (or fake) plugins, as libcni does: ADD in order
 * with each previous result as {@code prevResult}; DEL in reverse; CHECK with the cached result;
 * GC and STATUS (1.1.0). Before running, it asks each plugin binary once for its supported
 * versions (VERSION, cached per binary) and fails with code 1 rather than run a plugin that cannot
 * speak the list's version. Stateless apart from that version cache; thread-safe.
 *
 * <p>Every plugin of the list is located and asked for its versions before the first one runs,
 * so a missing binary (code 7) or a version mismatch (code 1) fails before anything changed on
 * the node. Each plugin run is bounded by the timeout given here. Runtime config reaches only the
 * plugins that declare the capability ({@link NetConf#withRuntimeConfig}).
 */
public final class DelegateInvoker {
    private static final String VALID_ATTACHMENTS = "cni.dev/valid-attachments";
    /** libcni also sends the pre-release name (containernetworking/cni#1101). */
    private static final String LEGACY_ATTACHMENTS = "cni.dev/attachments";

    private final PluginLocator locator;
    private final PluginExecutor executor;
    private final Duration timeout;
    private final VersionProbe versions;

    public DelegateInvoker(PluginLocator locator, PluginExecutor executor, Duration timeout) {
        this.locator = locator;
        this.executor = executor;
        this.timeout = timeout;
        this.versions = new VersionProbe(executor, timeout, locator.binDirs());
    }

    /**
     * ADD: runs every plugin of {@code list} in order. The list runs at {@code list.cniVersion()}
     * (its highest {@code cniVersions} entry every plugin supports, for 1.1.0 lists).
     *
     * @return the last plugin's result, in the version the list ran at
     * @throws dev.manifold.delegates.spec.CniException the failing plugin's own error object (its
     *         code kept), or code 999 quoting stderr when it printed none; code 6 when a plugin
     *         printed no result or an unparseable one. Plugins already run are NOT undone here:
     *         the caller DELs (the CNI lifecycle says a failed ADD is followed by DEL).
     */
    public CniResult add(NetConfList list, PluginCall call, RuntimeConfig runtime) {
        Plan plan = plan(list);
        Map<String, String> env = PluginEnvironment.forAttachment(CniCommand.ADD, call, locator.binDirs());
        CniResult previous = null;
        for (int i = 0; i < plan.size(); i++) {
            NetConf conf = plan.conf(i).withRuntimeConfig(runtime);
            if (previous != null) {
                conf = conf.withPrevResult(previous);
            }
            previous = PluginOutput.result(plan.type(i), run(plan, i, env, conf), plan.version());
        }
        return previous;
    }

    /**
     * DEL: runs every plugin in reverse order; {@code cached} becomes {@code prevResult} for
     * lists of 0.4.0 and later. Stops at the first failure (as libcni does) and throws it.
     */
    public void del(NetConfList list, PluginCall call, RuntimeConfig runtime, Optional<CniResult> cached) {
        Plan plan = plan(list);
        Map<String, String> env = PluginEnvironment.forAttachment(CniCommand.DEL, call, locator.binDirs());
        // Before 0.4.0 a DEL got no prevResult (libcni delNetworkList).
        Optional<CniResult> previous = plan.version().supportsCheck()
                ? cached.map(result -> inVersion(result, plan.version()))
                : Optional.empty();
        for (int i = plan.size() - 1; i >= 0; i--) {
            NetConf conf = plan.conf(i).withRuntimeConfig(runtime);
            if (previous.isPresent()) {
                conf = conf.withPrevResult(previous.get());
            }
            PluginOutput.requireSuccess(plan.type(i), run(plan, i, env, conf));
        }
    }

    /**
     * CHECK with the cached ADD result as {@code prevResult}. A no-op when {@code disableCheck}.
     *
     * @throws dev.manifold.delegates.spec.CniException code 1 for a list older than 0.4.0, or the
     *         failing plugin's error
     */
    public void check(NetConfList list, PluginCall call, RuntimeConfig runtime, CniResult cached) {
        requireCheckable(list.cniVersion());
        if (list.disableCheck()) {
            return;
        }
        Plan plan = plan(list);
        requireCheckable(plan.version());
        Map<String, String> env = PluginEnvironment.forAttachment(CniCommand.CHECK, call, locator.binDirs());
        CniResult previous = inVersion(cached, plan.version());
        for (int i = 0; i < plan.size(); i++) {
            NetConf conf = plan.conf(i).withRuntimeConfig(runtime).withPrevResult(previous);
            PluginOutput.requireSuccess(plan.type(i), run(plan, i, env, conf));
        }
    }

    /**
     * GC (1.1.0): each plugin gets {@code cni.dev/valid-attachments} (and the legacy
     * {@code cni.dev/attachments}). A no-op for lists older than 1.1.0 or with {@code disableGC}.
     * Runs every plugin even after a failure and throws the first failure with the others
     * suppressed.
     */
    public void gc(NetConfList list, List<ValidAttachment> valid) {
        if (!list.cniVersion().supportsGcAndStatus() || list.disableGC()) {
            return;
        }
        Plan plan = plan(list);
        if (!plan.version().supportsGcAndStatus()) {
            return;
        }
        ArrayNode attachments = JsonNodeFactory.instance.arrayNode();
        valid.forEach(a -> attachments.addObject().put("containerID", a.containerId()).put("ifname", a.ifName()));
        Map<String, String> env = PluginEnvironment.forLifecycle(CniCommand.GC, locator.binDirs());
        List<CniException> failures = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            NetConf conf = plan.conf(i)
                    .withField(VALID_ATTACHMENTS, attachments)
                    .withField(LEGACY_ATTACHMENTS, attachments);
            try {
                PluginOutput.requireSuccess(plan.type(i), run(plan, i, env, conf));
            } catch (CniException e) {
                // The spec asks GC to go on past errors and report them all.
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            CniException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** STATUS (1.1.0): a no-op for older lists; throws the first plugin's failure (codes 50/51). */
    public void status(NetConfList list) {
        if (!list.cniVersion().supportsGcAndStatus()) {
            return;
        }
        Plan plan = plan(list);
        if (!plan.version().supportsGcAndStatus()) {
            return;
        }
        Map<String, String> env = PluginEnvironment.forLifecycle(CniCommand.STATUS, locator.binDirs());
        for (int i = 0; i < plan.size(); i++) {
            PluginOutput.requireSuccess(plan.type(i), run(plan, i, env, plan.conf(i)));
        }
    }

    /** One entry of {@code cni.dev/valid-attachments}. */
    public record ValidAttachment(String containerId, String ifName) {
    }

    /** The list's plugins located and the version they all run at. */
    private record Plan(NetConfList list, CniVersion version, List<Path> binaries) {
        int size() {
            return binaries.size();
        }

        String type(int index) {
            return list.plugins().get(index).type();
        }

        NetConf conf(int index) {
            return list.pluginToRun(index, version);
        }
    }

    private Plan plan(NetConfList list) {
        List<Path> binaries = list.plugins().stream().map(p -> locator.locate(p.type())).toList();
        return new Plan(list, versions.negotiate(list, binaries), binaries);
    }

    private ExecOutput run(Plan plan, int index, Map<String, String> env, NetConf conf) {
        return executor.execute(plan.binaries().get(index), env, conf.toBytes(), timeout);
    }

    private static CniResult inVersion(CniResult result, CniVersion version) {
        return result.cniVersion() == version ? result : ResultConverter.convert(result, version);
    }

    private static void requireCheckable(CniVersion version) {
        if (!version.supportsCheck()) {
            throw new CniException(CniErrorCode.INCOMPATIBLE_CNI_VERSION,
                    "configuration version " + version + " does not support the CHECK command");
        }
    }
}
