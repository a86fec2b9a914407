package dev.manifold.delegates.invoke;

import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.spec.CniCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The complete environment of one plugin run, built from the request alone: nothing comes from
 * the daemon's own environment (CNI-NOTES "env hygiene"; Multus reads the daemon's CNI_ARGS).
 */
final class PluginEnvironment {
    /**
     * Plugins run helpers by name (bridge and portmap exec {@code iptables}, others {@code ip});
     * with an empty PATH they would fail in confusing ways.
     */
    static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    private PluginEnvironment() {
    }

    /**
     * ADD, DEL and CHECK: the full CNI_* set. CNI_NETNS is left out when the runtime has no
     * namespace any more (a DEL may come without), CNI_ARGS when there are none.
     */
    static Map<String, String> forAttachment(CniCommand command, PluginCall call, List<Path> binDirs) {
        Map<String, String> env = base(command, binDirs);
        env.put("CNI_CONTAINERID", call.containerId());
        call.netns().filter(netns -> !netns.isEmpty()).ifPresent(netns -> env.put("CNI_NETNS", netns));
        env.put("CNI_IFNAME", call.ifName());
        String args = call.args().wire();
        if (!args.isEmpty()) {
            env.put("CNI_ARGS", args);
        }
        return Map.copyOf(env);
    }

    /** GC, STATUS and VERSION: the spec requires only CNI_COMMAND and CNI_PATH. */
    static Map<String, String> forLifecycle(CniCommand command, List<Path> binDirs) {
        return Map.copyOf(base(command, binDirs));
    }

    private static Map<String, String> base(CniCommand command, List<Path> binDirs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command.name());
        env.put("CNI_PATH", binDirs.stream().map(Path::toString).collect(Collectors.joining(":")));
        env.put("PATH", PATH);
        return env;
    }
}
