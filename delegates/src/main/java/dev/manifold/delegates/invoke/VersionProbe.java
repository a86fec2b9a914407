package dev.manifold.delegates.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.exec.PluginExecutor;
import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks plugin binaries which spec versions they speak (CNI_COMMAND=VERSION) and picks the version
 * a list runs at. Answers are cached per binary (real path, size, mtime), so an upgraded plugin is
 * asked again; the cache never shrinks, which is fine for the handful of binaries in a bin dir.
 *
 * <p>A plugin that fails VERSION or answers something that is not a version object is taken for
 * a pre-VERSION plugin that speaks only 0.1.0, as libcni does for "unknown CNI_COMMAND: VERSION".
 * Such a plugin then runs only in 0.1.0 lists and is otherwise refused with code 1 saying why,
 * rather than guessed at. A VERSION run that times out or cannot start is an error, not a guess.
 */
final class VersionProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginExecutor executor;
    private final Duration timeout;
    private final List<Path> binDirs;
    private final Map<BinaryIdentity, PluginVersions> cache = new ConcurrentHashMap<>();

    VersionProbe(PluginExecutor executor, Duration timeout, List<Path> binDirs) {
        this.executor = executor;
        this.timeout = timeout;
        this.binDirs = List.copyOf(binDirs);
    }

    /** What one plugin speaks; {@code summary} says so for messages. */
    record PluginVersions(Set<CniVersion> supported, String summary) {
        PluginVersions {
            EnumSet<CniVersion> copy = EnumSet.noneOf(CniVersion.class);
            copy.addAll(supported);
            supported = Collections.unmodifiableSet(copy);
        }

        static PluginVersions legacy() {
            return new PluginVersions(EnumSet.of(CniVersion.V0_1_0),
                    "it did not answer VERSION, so only 0.1.0 is assumed");
        }

        static PluginVersions of(Set<CniVersion> supported) {
            return new PluginVersions(supported, supported.isEmpty()
                    ? "supports no version Manifold knows"
                    : "supports " + CniVersion.wires(List.copyOf(supported)));
        }
    }

    /**
     * The highest version {@code list} offers ({@code cniVersions}, else its {@code cniVersion})
     * that every plugin supports.
     *
     * @param binaries the list's plugins, located, in list order
     * @throws CniException code 1 naming the plugin(s) when there is none
     */
    CniVersion negotiate(NetConfList list, List<Path> binaries) {
        List<CniVersion> offered = list.cniVersions().isEmpty() ? List.of(list.cniVersion()) : list.cniVersions();
        List<PluginVersions> answers = binaries.stream().map(b -> versionsOf(b, list.cniVersion())).toList();
        for (CniVersion candidate : offered.reversed()) {
            if (answers.stream().allMatch(a -> a.supported().contains(candidate))) {
                return candidate;
            }
        }
        CniVersion highest = offered.getLast();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < binaries.size(); i++) {
            if (!answers.get(i).supported().contains(highest)) {
                refusals.add("plugin \"" + list.plugins().get(i).type() + "\" does not support CNI version "
                        + highest + " (" + answers.get(i).summary() + ")");
            }
        }
        String msg = offered.size() == 1
                ? refusals.getFirst()
                : "no CNI version of " + CniVersion.wires(offered) + " is supported by every plugin of \""
                        + list.name() + "\": " + String.join("; ", refusals);
        throw new CniException(CniErrorCode.INCOMPATIBLE_CNI_VERSION, msg);
    }

    /** The versions {@code binary} speaks, from the cache or by running it. */
    PluginVersions versionsOf(Path binary, CniVersion asked) {
        Optional<BinaryIdentity> identity = BinaryIdentity.of(binary);
        if (identity.isPresent()) {
            PluginVersions known = cache.get(identity.get());
            if (known != null) {
                return known;
            }
        }
        // Not computeIfAbsent: a run may take seconds and must not block other binaries' lookups.
        // Two threads may both ask the same new binary once; the answers are the same.
        PluginVersions answer = probe(binary, asked);
        identity.ifPresent(id -> cache.put(id, answer));
        return answer;
    }

    private PluginVersions probe(Path binary, CniVersion asked) {
        byte[] stdin = ("{\"cniVersion\":\"" + asked.wire() + "\"}").getBytes(StandardCharsets.UTF_8);
        ExecOutput out = executor.execute(binary,
                PluginEnvironment.forLifecycle(CniCommand.VERSION, binDirs), stdin, timeout);
        if (out.exitCode() != 0) {
            return PluginVersions.legacy();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(out.stdout());
        } catch (IOException e) {
            return PluginVersions.legacy();
        }
        return parse(answer);
    }

    /** libcni's version decoding: {@code supportedVersions}, or a bare 0.2.0 answer meaning 0.1.0 and 0.2.0. */
    static PluginVersions parse(JsonNode answer) {
        JsonNode listed = answer.path("supportedVersions");
        if (listed.isArray()) {
            Set<CniVersion> supported = EnumSet.noneOf(CniVersion.class);
            // Versions Manifold does not know cannot be run at, so they are left out.
            listed.forEach(v -> {
                if (CniVersion.isKnown(v.asText())) {
                    supported.add(CniVersion.parse(v.asText()));
                }
            });
            return PluginVersions.of(supported);
        }
        if ("0.2.0".equals(answer.path("cniVersion").asText())) {
            return PluginVersions.of(EnumSet.of(CniVersion.V0_1_0, CniVersion.V0_2_0));
        }
        return PluginVersions.legacy();
    }

    /** A binary as it is on disk now; replacing the file (an upgrade) changes it. */
    private record BinaryIdentity(Path realPath, long size, FileTime modified) {
        static Optional<BinaryIdentity> of(Path binary) {
            try {
                Path real = binary.toRealPath();
                BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
                return Optional.of(new BinaryIdentity(real, attrs.size(), attrs.lastModifiedTime()));
            } catch (IOException e) {
                // Gone since it was located: run it uncached and let the run report the problem.
                return Optional.empty();
            }
        }
    }
}
