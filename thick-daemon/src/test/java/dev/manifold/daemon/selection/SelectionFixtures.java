package dev.manifold.daemon.selection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Fixtures of {@code src/test/resources/fixtures/selection/}. */
final class SelectionFixtures {
    private SelectionFixtures() {
    }

    static String read(String name) {
        String path = "fixtures/selection/" + name;
        try (InputStream in = SelectionFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case of {@code malformed.txt}: a title, an annotation value and a message fragment. */
    record Case(String title, String input, String fragment) {
        @Override
        public String toString() {
            return title;
        }
    }

    /**
     * Reads {@code name}: {@code #} lines are comments, {@code ## title} starts a case, the lines
     * up to {@code => fragment} are its input.
     */
    static List<Case> cases(String name) {
        List<Case> cases = new ArrayList<>();
        String title = null;
        List<String> input = new ArrayList<>();
        for (String line : read(name).lines().toList()) {
            if (line.startsWith("## ")) {
                title = line.substring(3);
                input.clear();
            } else if (line.startsWith("=> ")) {
                cases.add(new Case(title, String.join("\n", input), line.substring(3)));
                title = null;
            } else if (title != null) {
                input.add(line);
            }
        }
        return cases;
    }
}
