package dev.manifold.daemon.resolve;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfDirTest {
    @TempDir
    Path dir;

    private final ConfDir files = new ConfDir();

    private Path fixture(String name, String as) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/confdir/" + name)) {
            Path target = dir.resolve(as);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    @Test
    void givenUnchangedFile_whenLoadedTwice_thenItIsParsedOnce() throws IOException {
        Path file = fixture("first.conflist", "10-net.conflist");

        NetConfList once = files.load(file);
        NetConfList twice = files.load(file);

        assertThat(twice).isSameAs(once);
    }

    @Test
    void givenFileRewrittenInPlace_whenLoadedAgain_thenTheNewContentIsSeen() throws IOException {
        Path file = fixture("first.conflist", "10-net.conflist");
        files.load(file);
        Files.write(file, Files.readAllBytes(fixture("second.conflist", "second.conflist")));

        NetConfList reloaded = files.load(file);

        assertThat(reloaded.name()).isEqualTo("second-network");
    }

    @Test
    void givenBrokenFileBeforeTheWantedOne_whenByName_thenTheWantedOneIsFound() throws IOException {
        fixture("broken.conf", "00-broken.conf");
        fixture("second.conflist", "20-second.conflist");

        assertThat(files.byName(dir, "second-network")).get().extracting(NetConfList::name).isEqualTo("second-network");
    }

    @Test
    void givenBrokenFile_whenLoadedTwice_thenEachLoadThrowsAFreshErrorNamingTheFile() throws IOException {
        Path file = fixture("broken.conf", "00-broken.conf");
        CniException first = catchCni(() -> files.load(file));
        first.addSuppressed(new IllegalStateException("added by a caller"));

        CniException second = catchCni(() -> files.load(file));

        assertThat(second).isNotSameAs(first);
        assertThat(second.code()).isEqualTo(first.code());
        assertThat(second.getMessage()).isEqualTo(first.getMessage()).contains(file.toString());
        assertThat(second.getSuppressed()).isEmpty();
    }

    private static CniException catchCni(Runnable r) {
        try {
            r.run();
        } catch (CniException e) {
            return e;
        }
        throw new AssertionError("no CniException");
    }

    @Test
    void givenFileRemovedAfterLoading_whenLoaded_thenCode7() throws IOException {
        Path file = fixture("first.conflist", "10-net.conflist");
        files.load(file);
        Files.delete(file);

        assertThatThrownBy(() -> files.load(file)).isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(7));
    }
}
