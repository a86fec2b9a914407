package dev.manifold.daemon.watch;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class FilePresenceTest {
    @TempDir
    Path tmp;

    private DirectoryWatcher watcher;
    private final List<Boolean> flips = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWatcher() throws IOException {
        watcher = DirectoryWatcher.start("test", Duration.ZERO);
    }

    @AfterEach
    void stopWatcher() {
        watcher.close();
    }

    private FilePresence track(Path path) throws IOException {
        return FilePresence.track(watcher, path, flips::add);
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
    }

    @Test
    void givenExistingFile_whenTracked_thenItIsPresent() throws IOException {
        Path file = Files.createFile(tmp.resolve("ready"));

        FilePresence presence = track(file);

        assertThat(presence.present()).isTrue();
    }

    @Test
    void givenMissingFile_whenCreated_thenItBecomesPresent() throws IOException {
        FilePresence presence = track(tmp.resolve("ready"));

        Files.createFile(tmp.resolve("ready"));

        await().until(presence::present);
        assertThat(flips).containsExactly(true);
    }

    @Test
    void givenPresentFile_whenDeleted_thenItIsNoLongerPresent() throws IOException {
        Path file = Files.createFile(tmp.resolve("ready"));
        FilePresence presence = track(file);

        Files.delete(file);

        await().until(() -> !presence.present());
    }

    @Test
    void givenMissingParentDirectories_whenTheyAndTheFileAreCreated_thenItBecomesPresent() throws IOException {
        Path file = tmp.resolve("run/flannel/subnet.env");
        FilePresence presence = track(file);

        Files.createDirectories(file.getParent());
        Files.writeString(file, "FLANNEL_NETWORK=10.244.0.0/16\n");

        await().until(presence::present);
    }

    @Test
    void givenWatchedParent_whenItIsDeletedAndRecreatedWithTheFile_thenPresenceFollows() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Path file = Files.createFile(dir.resolve("ready"));
        FilePresence presence = track(file);

        Files.delete(file);
        Files.delete(dir);
        await().until(() -> !presence.present());
        Files.createDirectories(dir);
        Files.createFile(file);

        await().until(presence::present);
    }

    @Test
    void givenParentDeletedAndMadeAgainWithinOneBatch_whenTheFileIsCreated_thenItBecomesPresent() throws IOException {
        // A settle time gathers the deletion and the new directory into one delivery: the old
        // watch is dead although a directory of that name exists when the events are seen.
        DirectoryWatcher batching = DirectoryWatcher.start("batching", Duration.ofMillis(400));
        try {
            Path dir = Files.createDirectories(tmp.resolve("run"));
            Path file = Files.createFile(dir.resolve("ready"));
            FilePresence presence = FilePresence.track(batching, file, flips::add);
            Files.delete(file);
            Files.delete(dir);
            Files.createDirectories(dir);
            await().until(() -> !presence.present());

            Files.createFile(file);

            await().until(presence::present);
        } finally {
            batching.close();
        }
    }

    @Test
    void givenWaiter_whenTheFileAppears_thenTheWaitEndsTrue() throws Exception {
        FilePresence presence = track(tmp.resolve("ready"));
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> awaitQuietly(presence, Duration.ofSeconds(60)));

        Files.createFile(tmp.resolve("ready"));

        await().until(waited::isDone);
        assertThat(waited.get()).isTrue();
    }

    @Test
    void givenWaiter_whenTheTimeoutPasses_thenTheWaitEndsFalse() throws Exception {
        FilePresence presence = track(tmp.resolve("ready"));

        assertThat(presence.awaitPresent(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void givenWaiter_whenClosed_thenTheWaitEndsFalseAtOnce() throws Exception {
        FilePresence presence = track(tmp.resolve("ready"));
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> awaitQuietly(presence, Duration.ofSeconds(60)));

        presence.close();

        await().until(waited::isDone);
        assertThat(waited.get()).isFalse();
    }

    @Test
    void givenStoppedWatcher_whenTheFileIsDeleted_thenPresenceStillSaysPresent() throws IOException {
        // The state is what the watch reported, not a stat per call: without events nothing changes.
        Path file = Files.createFile(tmp.resolve("ready"));
        FilePresence presence = track(file);
        watcher.close();

        Files.delete(file);

        assertThat(presence.present()).isTrue();
    }

    private static boolean awaitQuietly(FilePresence presence, Duration timeout) {
        try {
            return presence.awaitPresent(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
