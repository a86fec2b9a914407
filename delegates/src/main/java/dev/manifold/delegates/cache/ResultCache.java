package dev.manifold.delegates.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory of {@link CachedAttachment}s, one file per {@link CacheKey}, each written with
 * {@link AtomicFiles}; readable after a restart. The file format is versioned
 * ({@code "kind": "manifold.cache/v1"}) and keeps the config bytes exactly.
 *
 * <p>Files are mode 0600 in a 0700 directory (created on the first {@link #put}). File names are
 * derived from the key ({@link CacheFileName}) but never parsed back: the key is read from the
 * file's content. Not synchronized: the caller serializes operations on one key (the CNI runtime
 * never runs two for the same container and interface at once).
 */
public final class ResultCache {
    /**
     * Exact numbers: a config's {@code 1.10} must come back as {@code 1.10}, not {@code 1.1}.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final Path dir;

    public ResultCache(Path dir) {
        this.dir = dir;
    }

    public void put(CachedAttachment entry) {
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(encode(entry));
        } catch (JsonProcessingException e) {
            throw new CniException(CniErrorCode.INTERNAL, "cannot encode cache entry " + entry.key(), e);
        }
        AtomicFiles.write(fileOf(entry.key()), bytes);
    }

    /**
     * @return empty when there is no entry; an unreadable (corrupt) entry throws code 6 naming the
     *         file
     */
    public Optional<CachedAttachment> get(CacheKey key) {
        Path file = fileOf(key);
        Optional<CachedAttachment> entry = read(file);
        if (entry.isPresent() && !entry.get().key().equals(key)) {
            throw new CniException(CniErrorCode.DECODING_FAILURE,
                    "cache file " + file + " holds " + entry.get().key() + ", not " + key);
        }
        return entry;
    }

    public void remove(CacheKey key) {
        AtomicFiles.delete(fileOf(key));
    }

    /** Every readable entry; corrupt files are skipped (and left in place). */
    public List<CachedAttachment> list() {
        List<CachedAttachment> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, CacheFileName::isEntry)) {
            for (Path file : files) {
                try {
                    read(file).ifPresent(entries::add);
                } catch (CniException corrupt) {
                    // Skipped on purpose: one bad file must not hide every other attachment
                    // from GC or a restart; get() on its key still reports it.
                }
            }
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot list cache directory " + dir, e);
        }
        return entries;
    }

    /** The JSON form of one entry, shared with other stores that embed entries. */
    public static ObjectNode encode(CachedAttachment entry) {
        return CacheEntryCodec.encode(entry, JSON);
    }

    /** Reads what {@link #encode} wrote. @throws dev.manifold.delegates.spec.CniException code 6 */
    public static CachedAttachment decode(ObjectNode json) {
        return CacheEntryCodec.decode(json, JSON);
    }

    /** The file an entry for {@code key} lives in. */
    Path fileOf(CacheKey key) {
        return dir.resolve(CacheFileName.of(key));
    }

    private static Optional<CachedAttachment> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot read cache file " + file, e);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CniException(CniErrorCode.DECODING_FAILURE,
                    "corrupt cache file " + file + ": not JSON", e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new CniException(CniErrorCode.DECODING_FAILURE,
                    "corrupt cache file " + file + ": not a JSON object");
        }
        try {
            return Optional.of(decode(object));
        } catch (CniException e) {
            throw e.prefixed("corrupt cache file " + file + ": ");
        }
    }
}
