package dev.manifold.delegates.cache;

import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void givenNoFile_whenWrite_thenItHoldsTheBytes() throws IOException {
        Path target = dir.resolve("a.json");

        AtomicFiles.write(target, bytes("{\"a\":1}"));

        assertThat(Files.readString(target)).isEqualTo("{\"a\":1}");
    }

    @Test
    void givenExistingFile_whenWrite_thenItIsReplaced() throws IOException {
        Path target = dir.resolve("a.json");
        AtomicFiles.write(target, bytes("old content that is longer"));

        AtomicFiles.write(target, bytes("new"));

        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void givenWrite_whenDone_thenNoTempFileIsLeft() throws IOException {
        AtomicFiles.write(dir.resolve("a.json"), bytes("x"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.json");
        }
    }

    @Test
    void givenWrite_whenDone_thenFileIsOwnerOnly() throws IOException {
        Path target = dir.resolve("a.json");

        AtomicFiles.write(target, bytes("x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void givenExplicitMode_whenWrite_thenFileHasIt() throws IOException {
        Path target = dir.resolve("plugin");

        AtomicFiles.write(target, bytes("#!/bin/sh\n"), PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void givenMissingParents_whenWrite_thenTheyAreCreatedOwnerOnly() throws IOException {
        Path target = dir.resolve("x/y/a.json");

        AtomicFiles.write(target, bytes("x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("x/y"))))
                .isEqualTo("rwx------");
    }

    @Test
    void givenParentThatIsAFile_whenWrite_thenCode5NamesTheTarget() throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        Path target = dir.resolve("file/a.json");

        assertThatThrownBy(() -> AtomicFiles.write(target, bytes("x")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(5);
                    assertThat(e.msg()).contains(target.toString());
                });
    }

    @Test
    void givenFile_whenDelete_thenItIsGone() {
        Path target = dir.resolve("a.json");
        AtomicFiles.write(target, bytes("x"));

        AtomicFiles.delete(target);

        assertThat(target).doesNotExist();
    }

    @Test
    void givenNoFile_whenDelete_thenNothingHappens() {
        Path target = dir.resolve("absent/a.json");

        AtomicFiles.delete(target);

        assertThat(target).doesNotExist();
    }

    @Test
    void givenExistingFile_whenWriteUnsynced_thenItIsReplacedOwnerOnly() throws IOException {
        Path target = dir.resolve("a.json");
        AtomicFiles.write(target, bytes("old content that is longer"));

        AtomicFiles.writeUnsynced(target, bytes("new"));

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void givenWriteUnsynced_whenDone_thenNoTempFileIsLeft() throws IOException {
        AtomicFiles.writeUnsynced(dir.resolve("a.json"), bytes("x"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.json");
        }
    }

    @Test
    void givenFile_whenDeleteUnsynced_thenItIsGone() {
        Path target = dir.resolve("a.json");
        AtomicFiles.write(target, bytes("x"));

        AtomicFiles.deleteUnsynced(target);
        AtomicFiles.deleteUnsynced(target);

        assertThat(target).doesNotExist();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
