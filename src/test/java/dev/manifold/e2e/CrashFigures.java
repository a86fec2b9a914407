package dev.manifold.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * What a crash-harness run did and what it left: the figures RELIABILITY.md reports.
 *
 * @param cycles             pods added and deleted (each with a new container id and netns)
 * @param kills              SIGKILLs of the daemon
 * @param killsDuringDelegate kills while the daemon had a delegate plugin running
 * @param killsDuringWrite   kills that cut a journal write (a temporary file was left)
 * @param shimKills          ADDs whose shim was SIGKILLed mid-request
 * @param addsFailed         ADDs that did not succeed (daemon killed, unreachable, shim killed)
 * @param delAttempts        DEL runs of the shim, retries included
 * @param failedDels         containers whose DEL never succeeded within the bound
 * @param leakedIps          host-local allocations left at the end
 * @param leakedLinks        links left in a pod's netns (other than lo) or on the host bridges
 * @param recordsLeft        files left in the journal directory
 */
record CrashFigures(int cycles, int kills, int killsDuringDelegate, int killsDuringWrite, int shimKills,
                    int addsFailed, int delAttempts, int failedDels, List<String> leakedIps, List<String> leakedLinks,
                    List<String> recordsLeft, Duration elapsed) {
    CrashFigures {
        leakedIps = List.copyOf(leakedIps);
        leakedLinks = List.copyOf(leakedLinks);
        recordsLeft = List.copyOf(recordsLeft);
    }

    /** The report line: "cycles / kills / leaked IPs / leaked links / failed DELs" and the rest. */
    String line() {
        return "CRASH cycles=" + cycles + " kills=" + kills + " (during a delegate exec: " + killsDuringDelegate
                + ", cutting a journal write: " + killsDuringWrite + ") shim kills=" + shimKills
                + " failed ADDs=" + addsFailed + " DEL runs=" + delAttempts
                + " | leaked IPs=" + leakedIps.size() + " leaked links=" + leakedLinks.size()
                + " failed DELs=" + failedDels + " records left=" + recordsLeft.size()
                + " | " + elapsed.toSeconds() + " s";
    }

    /** Prints the line and appends it to {@code <buildDir>/crash-summary.txt}. */
    void report() {
        System.out.println(line());
        Path file = Path.of(System.getenv().getOrDefault("MANIFOLD_BUILD_DIR", "target"), "crash-summary.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // stdout has it
        }
    }
}
