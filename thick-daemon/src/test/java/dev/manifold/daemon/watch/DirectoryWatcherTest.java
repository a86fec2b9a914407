package dev.manifold.daemon.watch;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryWatcherTest {
    @TempDir
    Path tmp;

    private DirectoryWatcher watcher;
    private final List<DirectoryWatcher.Event> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        watcher.close();
    }

    @Test
    void givenSettleTime_whenABurstOfWrites_thenOneChangeNamesEveryFile() throws IOException {
        // 2 s: twenty small writes never pause that long, even on a loaded CI machine (300 ms did).
        watcher = DirectoryWatcher.start("test", Duration.ofSeconds(2));
        watcher.watch(tmp, events::add);

        for (int i = 0; i < 20; i++) {
            Files.writeString(tmp.resolve("f" + i + ".conf"), "x");
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events).singleElement().isInstanceOfSatisfying(DirectoryWatcher.Event.Changed.class,
                c -> assertThat(c.names()).hasSize(20));
    }

    @Test
    void givenWatchedDirectory_whenDeleted_thenGoneIsDelivered() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        watcher = DirectoryWatcher.start("test", Duration.ZERO);
        watcher.watch(dir, events::add);

        Files.delete(dir);

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().anyMatch(e -> e instanceof DirectoryWatcher.Event.Gone g && g.dir().equals(dir)));
    }

    @Test
    void givenClosedRegistration_whenTheDirectoryChanges_thenItsListenerHearsNothing() throws IOException {
        watcher = DirectoryWatcher.start("test", Duration.ZERO);
        List<DirectoryWatcher.Event> other = new CopyOnWriteArrayList<>();
        watcher.watch(tmp, other::add);
        watcher.watch(tmp, events::add).close();

        Files.writeString(tmp.resolve("a.conf"), "x");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !other.isEmpty());
        assertThat(events).isEmpty();
    }
}
