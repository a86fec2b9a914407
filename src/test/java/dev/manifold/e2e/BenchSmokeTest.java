package dev.manifold.e2e;

import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/manifold bench --quick} end to end, so that the benchmark cannot rot: it must run
 * every part on both sources and report no failed request and nothing left behind. Its timings
 * mean nothing here and are not looked at.
 */
@NetnsTest
class BenchSmokeTest {
    @TempDir
    Path out;

    @Test
    void givenQuickSize_whenBenchRuns_thenEveryPartReportsWithoutFailuresOrLeaks() throws IOException {
        ProcessResult run = Launchers.run(List.of(Launchers.manifold().toString(), "bench", "--quick", "--out", out.toString()),
                Map.of(), "");

        assertThat(run.exit()).as(run.stderr()).isZero();
        String report = onlyReport();
        assertThat(report).contains("## The delegates alone", "### standalone", "### Kubernetes (mock API)",
                "## Throughput", "## Kubernetes API requests", "## The shim", "## Daemon memory", "## Against the targets");
        for (String row : tableRows(report, "## Throughput")) {
            assertThat(row).as("failures, IPs, records and links left").endsWith("| 0 | 0 | 0 | 0 |");
        }
        for (String heading : List.of("### standalone", "### Kubernetes (mock API)")) {
            for (String row : tableRows(report, heading)) {
                assertThat(row).as("failures").endsWith("| 0 |");
            }
        }
    }

    private String onlyReport() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            List<Path> reports = files.filter(p -> p.getFileName().toString().endsWith("-quick.md")).toList();
            assertThat(reports).hasSize(1);
            return Files.readString(reports.getFirst());
        }
    }

    /** The data rows of the first table after {@code heading}. */
    private static List<String> tableRows(String report, String heading) {
        List<String> rows = report.substring(report.indexOf(heading)).lines()
                .dropWhile(l -> !l.startsWith("|"))
                .takeWhile(l -> l.startsWith("|"))
                .skip(2)
                .toList();
        assertThat(rows).as("rows under " + heading).isNotEmpty();
        return rows;
    }
}
