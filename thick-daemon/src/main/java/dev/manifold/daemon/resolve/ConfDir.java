package dev.manifold.daemon.resolve;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CNI config files on disk: by path, by directory (alphabetically first), or by {@code name}.
 *
 * <p>Every ADD resolves its cluster network (and a NAD with an empty {@code spec.config}) through
 * here, so each file is parsed once and kept until its size, modification time or inode changes:
 * a request still lists the directory and stats the files it looks at, but reads and parses only
 * what changed. Files that vanish are forgotten when next looked for. Thread-safe.
 */
final class ConfDir {
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

    /** A file's content as it was at {@code stamp}: the list, or why it is not one. */
    private record Parsed(Stamp stamp, NetConfList list, CniException problem) {
        /** @throws CniException a new one each time, like {@code problem}: callers may add to it */
        NetConfList get() {
            if (problem != null) {
                throw new CniException(problem.code(), problem.getMessage(), problem.details(), problem.getCause());
            }
            return list;
        }
    }

    /** What changes when a file is rewritten in place or replaced. */
    private record Stamp(long size, FileTime modified, Object fileKey) {
        static Stamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    static boolean isConfigFileName(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".conf") || n.endsWith(".conflist") || n.endsWith(".json");
    }

    /** A config or conflist file. @throws CniException code 7 naming the file */
    NetConfList load(Path file) {
        Stamp stamp;
        try {
            stamp = Stamp.of(file);
        } catch (IOException e) {
            parsed.remove(file);
            throw unreadable(file, e);
        }
        Parsed known = parsed.get(file);
        if (known != null && known.stamp().equals(stamp)) {
            return known.get();
        }
        Parsed fresh = parse(file, stamp);
        parsed.put(file, fresh);
        return fresh.get();
    }

    /** The alphabetically first config file of {@code dir}. */
    Optional<Path> first(Path dir) {
        return files(dir).stream().findFirst();
    }

    /** The config in {@code dir} whose {@code name} is {@code name}; unreadable files are skipped. */
    Optional<NetConfList> byName(Path dir, String name) {
        for (Path file : files(dir)) {
            try {
                NetConfList list = load(file);
                if (list.name().equals(name)) {
                    return Optional.of(list);
                }
            } catch (CniException e) {
                // Another file's problem: it does not stop this one being found.
            }
        }
        return Optional.empty();
    }

    private static Parsed parse(Path file, Stamp stamp) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Parsed(stamp, null, unreadable(file, e));
        }
        try {
            return new Parsed(stamp, NetConfList.parseAny(bytes), null);
        } catch (CniException e) {
            return new Parsed(stamp, null, e.prefixed("CNI config " + file + ": "));
        }
    }

    private static CniException unreadable(Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "cannot read CNI config " + file + ": " + why, e);
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
