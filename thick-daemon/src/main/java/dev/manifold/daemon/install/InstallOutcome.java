package dev.manifold.daemon.install;

import java.nio.file.Path;
import java.util.Optional;

/** How an install ended: the bundle was switched to, or it was already the installed one. */
public sealed interface InstallOutcome {

    /** The content hash naming the bundle, as in {@code <bin-dir>/.manifold/<bundleId>}. */
    String bundleId();

    /** The first line of the bundle's {@code BUNDLE} file ("manifold-shim 0.1.0"), or "". */
    String description();

    /** The executable the runtime runs, {@code <bin-dir>/<name>}. */
    Path launcher();

    /**
     * {@code current} now points to {@code bundleId}; {@code replaced} is the bundle it pointed to
     * before, if any, which is kept until the next install for runs that had already started.
     */
    record Installed(String bundleId, String description, Path launcher, Optional<String> replaced) implements InstallOutcome {
    }

    /** The bundle was already installed under this name; nothing on disk was touched. */
    record Unchanged(String bundleId, String description, Path launcher) implements InstallOutcome {
    }
}
