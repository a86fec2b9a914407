package dev.manifold.delegates.cache;

import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultCacheTest {
    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("cache");
    }

    @Test
    void givenEntry_whenPutAndGet_thenSameEntryComesBack() {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry();

        cache.put(entry);

        assertThat(cache.get(entry.key())).contains(entry);
    }

    @Test
    void givenEntryWrittenBeforeARestart_whenNewInstanceGets_thenItIsFound() {
        CachedAttachment entry = CacheFixtures.bridgeEntry();
        new ResultCache(dir()).put(entry);

        ResultCache afterRestart = new ResultCache(dir());

        assertThat(afterRestart.get(entry.key())).contains(entry);
    }

    @Test
    void givenConfigWithUnknownFieldsAndExactNumbers_whenRoundTripped_thenConfigBytesAreKept() {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry();
        cache.put(entry);

        byte[] read = cache.get(entry.key()).orElseThrow().config().toBytes();

        assertThat(read).isEqualTo(entry.config().toBytes());
        assertThat(new String(read)).contains("\"ratio\":1.10", "12345678901234567890", "calico-kubeconfig");
    }

    @Test
    void givenPlannedSingleConfEntry_whenRoundTripped_thenItStaysSingleWithoutResult() {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.plannedSingleEntry();
        cache.put(entry);

        CachedAttachment read = cache.get(entry.key()).orElseThrow();

        assertThat(read.config().isSingleConf()).isTrue();
        assertThat(read.result()).isEmpty();
        assertThat(read.config().toBytes()).isEqualTo(entry.config().toBytes());
    }

    @Test
    void givenNoEntry_whenGet_thenEmpty() {
        assertThat(new ResultCache(dir()).get(new CacheKey("n", "c", "eth0"))).isEmpty();
    }

    @Test
    void givenEntry_whenRemoved_thenGetIsEmpty() {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry();
        cache.put(entry);

        cache.remove(entry.key());

        assertThat(cache.get(entry.key())).isEmpty();
    }

    @Test
    void givenEntry_whenPut_thenFileIsOwnerOnlyInOwnerOnlyDir() throws IOException {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry();

        cache.put(entry);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.fileOf(entry.key()))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
    }

    @Test
    void givenEntry_whenPut_thenFileIsTheV1Format() throws IOException {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry();

        cache.put(entry);

        assertThat(CacheFixtures.object("entry-v1.json"))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(cache.fileOf(entry.key()).toFile()));
    }

    @Test
    void givenHandWrittenV1File_whenDecoded_thenItIsTheEntry() {
        CachedAttachment decoded = ResultCache.decode(CacheFixtures.object("entry-v1.json"));

        assertThat(decoded).isEqualTo(CacheFixtures.bridgeEntry());
    }

    @Test
    void givenNetworkNameWithSlashAndColon_whenPut_thenItIsOneFileInTheDir() throws IOException {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry(new CacheKey("ns/net:a", "c0ffee", "net1"));

        cache.put(entry);

        assertThat(cache.fileOf(entry.key()).getParent()).isEqualTo(dir());
        assertThat(cache.list()).containsExactly(entry);
    }

    @Test
    void givenKeysWhoseDashedFormsCoincide_whenPut_thenBothAreKept() {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment first = CacheFixtures.bridgeEntry(new CacheKey("a-b", "c", "net1"));
        CachedAttachment second = CacheFixtures.bridgeEntry(new CacheKey("a", "b-c", "net1"));

        cache.put(first);
        cache.put(second);

        assertThat(cache.list()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void givenVeryLongKey_whenPut_thenFileNameStaysShortAndEntryIsReadable() {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry(new CacheKey("n".repeat(253), "c".repeat(64), "net1"));

        cache.put(entry);

        assertThat(cache.fileOf(entry.key()).getFileName().toString()).hasSizeLessThanOrEqualTo(CacheFileName.MAX_LENGTH);
        assertThat(cache.get(entry.key())).contains(entry);
    }

    @Test
    void givenCorruptFile_whenGet_thenCode6NamesTheFile() throws IOException {
        ResultCache cache = new ResultCache(dir());
        CacheKey key = new CacheKey("mynet", "c0ffee", "net1");
        Files.createDirectories(dir());
        Files.write(cache.fileOf(key), CacheFixtures.bytes("truncated.json"));

        assertThatThrownBy(() -> cache.get(key))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.msg()).contains(cache.fileOf(key).toString());
                });
    }

    @Test
    void givenOneCorruptFile_whenList_thenTheOthersAreListed() throws IOException {
        ResultCache cache = new ResultCache(dir());
        CachedAttachment entry = CacheFixtures.bridgeEntry();
        cache.put(entry);
        Files.write(dir().resolve("broken-c-eth0.json"), CacheFixtures.bytes("truncated.json"));

        List<CachedAttachment> listed = cache.list();

        assertThat(listed).containsExactly(entry);
        assertThat(dir().resolve("broken-c-eth0.json")).exists();
    }

    @Test
    void givenNoDirectory_whenList_thenEmpty() {
        assertThat(new ResultCache(dir()).list()).isEmpty();
    }

    @Test
    void givenWrongKind_whenDecoded_thenCode6SaysSo() {
        assertThatThrownBy(() -> ResultCache.decode(CacheFixtures.object("entry-wrong-kind.json")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.msg()).contains("unknown kind \"multus.cache/v0\"");
                });
    }

    @Test
    void givenMissingConfig_whenDecoded_thenCode6NamesTheField() {
        assertThatThrownBy(() -> ResultCache.decode(CacheFixtures.object("entry-missing-config.json")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.msg()).contains("missing \"config\"");
                });
    }

    @Test
    void givenConfigThatIsNotAValidList_whenDecoded_thenCode6() {
        assertThatThrownBy(() -> ResultCache.decode(CacheFixtures.object("entry-bad-config.json")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.msg()).startsWith("invalid \"config\"");
                });
    }
}
