package dev.manifold.daemon.autoconf;

import dev.manifold.delegates.config.NetConf;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Which file is the cluster network's config, the way a runtime picks its network: the alphabetically
 * first {@code .conf}, {@code .conflist} or {@code .json} file of a directory (libcni's
 * extensions and byte order), leaving out Manifold's own file, hidden files (temp files of atomic
 * writes), files that do not parse as a CNI config, and configs of a meta plugin (Manifold's shim,
 * Multus): one of those as the cluster network would make every ADD call itself.
 */
final class ClusterNetworkFiles {
    private static final List<String> EXTENSIONS = List.of(".conf", ".conflist", ".json");

    private ClusterNetworkFiles() {
    }

    /** Whether a runtime would consider a file of this name as a network config. */
    static boolean isConfigName(String name) {
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /**
     * The config files of {@code dir} a runtime would consider, except {@code ownFile}, in the
     * order it would try them; empty when the directory is missing.
     *
     * @throws IOException when the directory cannot be listed
     */
    static List<Path> candidates(Path dir, Path ownFile) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> isConfigName(p.getFileName().toString()))
                    .map(p -> p.toAbsolutePath().normalize())
                    .filter(p -> !p.equals(ownFile))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (NoSuchFileException gone) {
            return List.of();
        }
    }

    /**
     * {@code file} as a cluster network, or empty when it is gone, does not parse, or is a meta
     * plugin's config ({@code skipped} is told why, except for a file that is gone).
     *
     * @param metaTypes plugin types whose configs are never a cluster network
     */
    static Optional<ClusterNetworkFile> parse(Path file, Set<String> metaTypes, BiConsumer<Path, String> skipped) {
        NetConfList config;
        try {
            config = NetConfList.parseAny(Files.readAllBytes(file));
        } catch (NoSuchFileException deletedMeanwhile) {
            return Optional.empty();
        } catch (IOException | CniException e) {
            skipped.accept(file, e.getMessage());
            return Optional.empty();
        }
        Optional<String> meta = config.plugins().stream().map(NetConf::type).filter(metaTypes::contains).findFirst();
        if (meta.isPresent()) {
            skipped.accept(file, "its plugin type \"" + meta.get() + "\" is a meta plugin, which would call itself");
            return Optional.empty();
        }
        return Optional.of(new ClusterNetworkFile(file.toAbsolutePath().normalize(), config));
    }
}
