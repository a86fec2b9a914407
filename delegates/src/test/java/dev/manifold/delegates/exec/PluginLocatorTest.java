package dev.manifold.delegates.exec;

import dev.manifold.delegates.spec.CniException;
import dev.manifold.testkit.FakePlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginLocatorTest {
    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void givenPluginOnlyInSecondDir_whenLocate_thenItIsFoundThere() {
        Path plugin = FakePlugins.install(second, "silent", "mfplugin");

        Path found = new PluginLocator(List.of(first, second)).locate("mfplugin");

        assertThat(found).isEqualTo(plugin);
    }

    @Test
    void givenPluginInBothDirs_whenLocate_thenFirstDirWins() {
        Path winner = FakePlugins.install(first, "silent", "mfplugin");
        FakePlugins.install(second, "silent", "mfplugin");

        Path found = new PluginLocator(List.of(first, second)).locate("mfplugin");

        assertThat(found).isEqualTo(winner);
    }

    @Test
    void givenMissingPlugin_whenLocate_thenCode7ListsTheDirsSearched() {
        PluginLocator locator = new PluginLocator(List.of(first, second));

        assertThatThrownBy(() -> locator.locate("nosuch"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.msg()).isEqualTo("plugin \"nosuch\" not found in [" + first + ", " + second + "]");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/bin/sh", "a/b", "", "..", ".", "sh\0"})
    void givenTypeThatIsNotABareFileName_whenLocate_thenCode7(String type) {
        PluginLocator locator = new PluginLocator(List.of(Path.of("/bin")));

        assertThatThrownBy(() -> locator.locate(type))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.msg()).startsWith("invalid plugin type \"").endsWith("\": must be a bare file name");
                });
    }

    @Test
    void givenSymlinkPointingOutsideTheDir_whenLocate_thenCode7() throws IOException {
        Files.createSymbolicLink(first.resolve("sh"), Path.of("/bin/sh"));
        PluginLocator locator = new PluginLocator(List.of(first));

        assertThatThrownBy(() -> locator.locate("sh"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.msg()).contains("outside");
                });
    }

    @Test
    void givenSymlinkToAPluginInTheSameDir_whenLocate_thenTheLinkIsReturned() throws IOException {
        FakePlugins.install(first, "silent", "real-plugin");
        Path link = Files.createSymbolicLink(first.resolve("alias"), Path.of("real-plugin"));

        Path found = new PluginLocator(List.of(first)).locate("alias");

        assertThat(found).isEqualTo(link);
    }

    @Test
    void givenNonExecutableFileInFirstDir_whenLocate_thenItIsPassedOver() throws IOException {
        Files.writeString(first.resolve("mfplugin"), "#!/bin/sh\n");
        Path executable = FakePlugins.install(second, "silent", "mfplugin");

        Path found = new PluginLocator(List.of(first, second)).locate("mfplugin");

        assertThat(found).isEqualTo(executable);
    }

    @Test
    void givenDirectoryNamedLikeThePlugin_whenLocate_thenNotFound() throws IOException {
        Files.createDirectory(first.resolve("mfplugin"));
        PluginLocator locator = new PluginLocator(List.of(first));

        assertThatThrownBy(() -> locator.locate("mfplugin"))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(7));
    }

    @Test
    void givenRoot_whenLocate_thenTheBinDirIsSearchedInsideTheRoot() {
        Path plugin = FakePlugins.install(first.resolve("opt/cni/bin"), "silent", "mfplugin");

        Path found = PluginLocator.inRoot(first, List.of(Path.of("/opt/cni/bin"))).locate("mfplugin");

        assertThat(found).isEqualTo(plugin);
    }

    @Test
    void givenRoot_whenBinDirs_thenTheyAreThePathsInsideTheRoot() {
        PluginLocator locator = PluginLocator.inRoot(first, List.of(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni")));

        assertThat(locator.binDirs()).containsExactly(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni"));
    }

    @Test
    void givenPluginOnlyOutsideTheRoot_whenLocate_thenCode7NamesTheRoot() {
        FakePlugins.install(second, "silent", "mfplugin");
        PluginLocator locator = PluginLocator.inRoot(first, List.of(second));

        assertThatThrownBy(() -> locator.locate("mfplugin"))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.msg()).isEqualTo("plugin \"mfplugin\" not found in [" + second + "] under " + first);
                });
    }

    @Test
    void givenBinDirClimbingOutOfTheRoot_whenLocate_thenItStaysInsideTheRoot() {
        Path inside = FakePlugins.install(first.resolve("bin"), "silent", "mfplugin");

        Path found = PluginLocator.inRoot(first, List.of(Path.of("/../../bin"))).locate("mfplugin");

        assertThat(found).isEqualTo(inside);
    }
}
