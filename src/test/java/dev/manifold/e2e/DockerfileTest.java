package dev.manifold.e2e;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/Dockerfile} against the build it packages. No Docker engine runs in CI, so the
 * image is never built there; these checks catch what would break the build or the image: a COPY
 * source that `./mvnw package` does not produce or the context leaves out, a JDK module missing
 * from the jlink'd runtime, a path the DaemonSet runs that the image does not have.
 */
class DockerfileTest {
    private static final Path DOCKERFILE = Launchers.ROOT.resolve("deploy/Dockerfile");
    private static final Path IGNORE = Launchers.ROOT.resolve("deploy/Dockerfile.dockerignore");
    private static final Path MANIFEST = Launchers.ROOT.resolve("deploy/manifold.yaml");

    /** One {@code COPY} of the build context (not {@code --from} another stage). */
    private record Copy(List<String> sources, String destination) {
    }

    /** The instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                out.add(current.toString().strip());
            }
            current.setLength(0);
        }
        return out;
    }

    private static List<Copy> contextCopies() throws IOException {
        List<Copy> copies = new ArrayList<>();
        for (String instruction : instructions()) {
            List<String> words = Arrays.asList(instruction.split("\\s+"));
            if (!words.get(0).equals("COPY") || words.stream().anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            List<String> args = words.subList(1, words.size()).stream().filter(w -> !w.startsWith("--")).toList();
            copies.add(new Copy(args.subList(0, args.size() - 1), args.get(args.size() - 1)));
        }
        return copies;
    }

    /** {@code thick-daemon/target/...} in the build directory this build uses (MANIFOLD_BUILD_DIR). */
    private static Path built(String source) {
        String buildDir = System.getenv().getOrDefault("MANIFOLD_BUILD_DIR", "target");
        return Launchers.ROOT.resolve(source.replaceFirst("(^|/)target(/|$)", "$1" + buildDir + "$2"));
    }

    @Test
    void givenDockerfile_whenRead_thenItCopiesTheDaemonTheLauncherAndTheShimBundle() throws IOException {
        List<String> sources = contextCopies().stream().flatMap(c -> c.sources().stream()).toList();

        assertThat(sources).contains("bin/manifold", "thick-daemon/target/manifold-daemon.jar",
                "thick-daemon/target/lib/", "shim/target/bundle/");
    }

    @Test
    void givenPackagedBuild_whenEveryCopySourceIsLookedFor_thenItExists() throws IOException {
        List<String> missing = contextCopies().stream().flatMap(c -> c.sources().stream())
                .filter(source -> {
                    Path path = built(source);
                    return source.endsWith("/") ? !isNonEmptyDirectory(path) : !Files.isRegularFile(path);
                }).toList();

        assertThat(missing).as("COPY sources missing after ./mvnw package").isEmpty();
    }

    @Test
    void givenDockerignore_whenEveryCopySourceIsMatched_thenTheContextHoldsIt() throws IOException {
        List<String> patterns = Files.readAllLines(IGNORE).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        List<String> excluded = contextCopies().stream().flatMap(c -> c.sources().stream())
                .filter(source -> !inContext(source, patterns)).toList();

        assertThat(excluded).isEmpty();
    }

    /**
     * Whether the last pattern matching {@code source} lets it in. Enough of .dockerignore for
     * this file: {@code *} matches everything, other patterns match a path and what is below it.
     */
    private static boolean inContext(String source, List<String> patterns) {
        boolean included = true;
        String path = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        for (String pattern : patterns) {
            boolean negated = pattern.startsWith("!");
            String p = (negated ? pattern.substring(1) : pattern).replaceAll("/$", "");
            if (p.equals("*") || path.equals(p) || path.startsWith(p + "/")) {
                included = negated;
            }
        }
        return included;
    }

    @Test
    void givenJlinkModules_whenComparedWithJdeps_thenTheRuntimeHasEveryModuleTheJarsNeed() throws IOException {
        Path jar = built("thick-daemon/target/manifold-daemon.jar");
        String classPath = String.join(":", manifestClassPath(jar));
        int feature = baseJdkFeature();

        Set<String> needed = jdepsModules("--multi-release", String.valueOf(feature), "--ignore-missing-deps",
                "--print-module-deps", "--class-path", classPath, jar.toString());

        assertThat(jlinkModules()).containsAll(needed);
    }

    private static List<String> manifestClassPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String attribute = file.getManifest().getMainAttributes().getValue("Class-Path");
            return Stream.of(attribute.split(" ")).map(entry -> jar.resolveSibling(entry).toString()).toList();
        }
    }

    /** The feature version of the JDK image the runtime is linked from ({@code eclipse-temurin:25-jdk}). */
    private static int baseJdkFeature() throws IOException {
        Matcher m = Pattern.compile("^FROM eclipse-temurin:(\\d+)-jdk\\b").matcher("");
        return instructions().stream().map(m::reset).filter(Matcher::find).map(x -> Integer.parseInt(x.group(1)))
                .findFirst().orElseThrow(() -> new AssertionError("no FROM eclipse-temurin:<N>-jdk in " + DOCKERFILE));
    }

    private static Set<String> jlinkModules() throws IOException {
        Matcher m = Pattern.compile("--add-modules\\s+(\\S+)").matcher("");
        return instructions().stream().map(m::reset).filter(Matcher::find).findFirst()
                .map(x -> new LinkedHashSet<>(Arrays.asList(x.group(1).split(","))))
                .orElseThrow(() -> new AssertionError("no jlink --add-modules in " + DOCKERFILE));
    }

    private static Set<String> jdepsModules(String... args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("the tests need a JDK with jdeps"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        assertThat(exit).as("jdeps: " + err.toString(StandardCharsets.UTF_8)).isZero();
        return new LinkedHashSet<>(Arrays.asList(out.toString(StandardCharsets.UTF_8).strip().split(",")));
    }

    @Test
    void givenDaemonSet_whenEveryImagePathItRunsIsLookedFor_thenTheDockerfilePutsItThere() throws IOException {
        List<String> inImage = new ArrayList<>();
        for (Copy copy : contextCopies()) {
            for (String source : copy.sources()) {
                inImage.add(source.endsWith("/") || !copy.destination().endsWith("/") ? copy.destination()
                        : copy.destination() + Path.of(source).getFileName());
            }
        }
        Matcher jre = Pattern.compile("COPY --from=\\S+ \\S+ (\\S+)").matcher("");
        instructions().stream().map(jre::reset).filter(Matcher::find).forEach(x -> inImage.add(x.group(1) + "/"));

        Matcher used = Pattern.compile("/opt/manifold/[^\\s,\\]\"]+").matcher(Files.readString(MANIFEST));
        List<String> absent = used.results().map(r -> r.group()).distinct()
                .filter(path -> inImage.stream().noneMatch(p -> p.equals(path) || (p.endsWith("/") && path.startsWith(p))))
                .toList();

        assertThat(absent).isEmpty();
    }

    private static boolean isNonEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
