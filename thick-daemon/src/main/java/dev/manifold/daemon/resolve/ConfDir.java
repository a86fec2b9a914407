package dev.manifold.daemon.resolve;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** CNI config files on disk: by path, by directory (alphabetically first), or by {@code name}. */
final class ConfDir {
    private ConfDir() {
    }

    static boolean isConfigFileName(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".conf") || n.endsWith(".conflist") || n.endsWith(".json");
    }

    /** A config or conflist file. @throws CniException code 7 naming the file */
    static NetConfList load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "cannot read CNI config " + file + ": " + e.getMessage(), e);
        }
        try {
            return NetConfList.parseAny(bytes);
        } catch (CniException e) {
            throw e.prefixed("CNI config " + file + ": ");
        }
    }

    /** The alphabetically first config file of {@code dir}. */
    static Optional<Path> first(Path dir) {
        return files(dir).stream().findFirst();
    }

    /** The config in {@code dir} whose {@code name} is {@code name}; unreadable files are skipped. */
    static Optional<NetConfList> byName(Path dir, String name) {
        for (Path file : files(dir)) {
            try {
                NetConfList list = NetConfList.parseAny(Files.readAllBytes(file));
                if (list.name().equals(name)) {
                    return Optional.of(list);
                }
            } catch (IOException | CniException e) {
                // Another file's problem: it does not stop this one being found.
            }
        }
        return Optional.empty();
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(ConfDir::isConfigFileName).sorted().toList();
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
