package dev.manifold.daemon.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.cache.AtomicFiles;
import dev.manifold.delegates.cache.ResultCache;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The per-container attachment records, one file each under {@code <cniDir>/attachments/},
 * written atomically (temp + fsync + rename). DEL and CHECK work from these alone, without the
 * API, after a restart. Callers serialize access per container id.
 */
public final class AttachmentJournal {
    private static final String KIND = "manifold.journal/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public AttachmentJournal(Path cniDir) {
        this.dir = cniDir.resolve("attachments");
    }

    public Path dir() {
        return dir;
    }

    /**
     * Makes the cache directory and its {@code attachments/} private to the daemon (created 0700;
     * refused when writable by group or others or owned by another user) and removes the
     * temporary files of writes a crash cut short. Call once at start, before serving.
     *
     * @throws IllegalStateException naming the directory and what is wrong with it
     */
    public void prepare() {
        try {
            PrivateDirectory.require(dir.getParent());
            PrivateDirectory.require(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path stale : files.filter(AttachmentJournal::isTemporary).toList()) {
                    Files.deleteIfExists(stale);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cache directory (cniDir) refused: " + e.getMessage(), e);
        }
    }

    /** {@link AtomicFiles}'s temporary files: {@code .<name>.<random>.tmp}. */
    private static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** Writes (replaces) the record of {@code record.containerId()}. */
    public void write(JournalRecord record) {
        AtomicFiles.write(fileOf(record.containerId()), encode(record));
    }

    /**
     * @return empty when there is no record
     * @throws CniException code 6 naming the file when the record is unreadable
     */
    public Optional<JournalRecord> read(String containerId) {
        Path file = fileOf(containerId);
        try {
            return Optional.of(decode(Files.readAllBytes(file), file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot read attachment record " + file + ": " + e.getMessage(), e);
        }
    }

    public void remove(String containerId) {
        AtomicFiles.delete(fileOf(containerId));
    }

    /**
     * Replaces the record without waiting for the disk ({@link AtomicFiles#writeUnsynced}): for
     * the ATTACHED record that follows a durable PLANNED one. A crash of the process loses
     * nothing; after a crash of the machine the PLANNED record may be back, which DEL handles too
     * (every delegate, without its cached result: the CNI spec lets DEL go without prevResult).
     */
    public void update(JournalRecord record) {
        AtomicFiles.writeUnsynced(fileOf(record.containerId()), encode(record));
    }

    /**
     * Removes the record without waiting for the disk: after a crash of the machine it may come
     * back, and the runtime's next DEL or GC of that container undoes it again, harmlessly.
     */
    public void forget(String containerId) {
        AtomicFiles.deleteUnsynced(fileOf(containerId));
    }

    /** Every readable record; unreadable files are reported to {@code corrupt} and skipped. */
    public List<JournalRecord> list(java.util.function.Consumer<Path> corrupt) {
        List<JournalRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(decode(Files.readAllBytes(file), file));
                } catch (IOException | CniException e) {
                    corrupt.accept(file);
                }
            }
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Path fileOf(String containerId) {
        // Container ids match [a-zA-Z0-9][a-zA-Z0-9_.-]* (validated at the edge) and are safe as
        // file names; very long ones are hashed to stay under NAME_MAX.
        String base = containerId.length() <= 200 ? containerId : sha256(containerId);
        return dir.resolve(base + ".json");
    }

    private static byte[] encode(JournalRecord r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", KIND);
        root.put("containerId", r.containerId());
        r.pod().ifPresent(p -> root.put("pod", p.toString()));
        r.podUid().ifPresent(u -> root.put("podUid", u));
        r.netns().ifPresent(n -> root.put("netns", n));
        root.put("state", r.state().name());
        ArrayNode entries = root.putArray("attachments");
        for (JournalEntry e : r.entries()) {
            ObjectNode node = entries.addObject();
            node.put("statusName", e.statusName());
            node.put("clusterNetwork", e.clusterNetwork());
            node.put("default", e.isDefault());
            node.set("delegate", ResultCache.encode(e.attachment()));
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JournalRecord decode(byte[] bytes, Path file) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !KIND.equals(root.path("kind").asText()) || !root.path("attachments").isArray()) {
                throw corrupt(file, "not a " + KIND + " record");
            }
            List<JournalEntry> entries = new ArrayList<>();
            for (JsonNode node : root.get("attachments")) {
                if (!node.path("delegate").isObject()) {
                    throw corrupt(file, "attachment without delegate");
                }
                entries.add(new JournalEntry(node.path("statusName").asText(), node.path("clusterNetwork").asBoolean(),
                        node.path("default").asBoolean(), ResultCache.decode((ObjectNode) node.get("delegate"))));
            }
            Optional<PodRef> pod = Optional.ofNullable(root.get("pod")).map(JsonNode::asText)
                    .filter(s -> s.indexOf('/') > 0).map(s -> new PodRef(s.substring(0, s.indexOf('/')), s.substring(s.indexOf('/') + 1)));
            return new JournalRecord(root.path("containerId").asText(), pod,
                    Optional.ofNullable(root.get("podUid")).map(JsonNode::asText),
                    Optional.ofNullable(root.get("netns")).map(JsonNode::asText),
                    JournalRecord.State.valueOf(root.path("state").asText("PLANNED")), entries);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static CniException corrupt(Path file, String why) {
        return new CniException(CniErrorCode.DECODING_FAILURE, "attachment record " + file + " is unreadable: " + why);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
