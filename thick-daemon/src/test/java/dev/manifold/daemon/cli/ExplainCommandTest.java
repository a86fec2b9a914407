package dev.manifold.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code manifold explain} on a standalone store ({@code fixtures/explain/}): a pod with two
 * secondaries, one of them carrying credentials, and a pod whose annotation names a NAD that
 * does not exist.
 */
class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeStore() throws IOException {
        Files.createDirectories(dir.resolve("store"));
        Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(dir.resolve("daemon-config.json"), fixture("daemon-config.json").replace("${dir}", dir.toString()));
        Files.writeString(dir.resolve("net.d/10-cluster.conflist"), fixture("cluster.conflist"));
        Files.writeString(dir.resolve("store/networks.yaml"), fixture("networks.yaml"));
        Files.writeString(dir.resolve("store/pods.yaml"), fixture("pods.yaml"));
    }

    private int explain(String... args) {
        ExplainCommand command = new ExplainCommand();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("daemon-config.json").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(command).execute(all);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String fixture(String name) {
        try (InputStream in = ExplainCommandTest.class.getResourceAsStream("/fixtures/explain/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture explain/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void givenPodWithTwoSecondaries_whenExplained_thenEveryAttachmentWithItsConfigAsItWouldRun() {
        int exit = explain("team/app");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output()).isEqualTo(fixture("expected-app.txt"));
    }

    @Test
    void givenDelegateConfigWithCredentials_whenExplained_thenTheyAreMaskedAndPathsShown() {
        explain("team/app");

        assertThat(output()).doesNotContain("tok-3f9a2c").doesNotContain("BEGIN PRIVATE KEY")
                .contains("\"apiToken\" : \"****\"").contains("/etc/cni/net.d/vendor.kubeconfig").contains("/etc/vendor/tls.key");
    }

    @Test
    void givenAnnotationNamingAnUnknownNad_whenExplained_thenTheAddsErrorAndExit1() throws Exception {
        int exit = explain("team/typo");

        assertThat(exit).isEqualTo(1);
        assertThat(JSON.readTree(output()).path("code").asInt()).isEqualTo(7);
        assertThat(JSON.readTree(output()).path("msg").asText()).contains("team/dtaa");
    }

    @Test
    void givenPodThatDoesNotExist_whenExplained_thenCode3() throws Exception {
        int exit = explain("team/nobody");

        assertThat(exit).isEqualTo(1);
        assertThat(JSON.readTree(output()).path("code").asInt()).isEqualTo(3);
    }

    @Test
    void givenDeployedDaemonThatGeneratesItsConf_whenExplainedWithoutCniConfig_thenTheGeneratedConfNamesTheClusterNetwork()
            throws IOException {
        Files.writeString(dir.resolve("daemon-config.json"), """
                {"cniDir":"%1$s/cache","confDir":"%1$s/net.d","standaloneDir":"%1$s/store",
                 "multusConfigFile":"auto","cniConfigDir":"%1$s/net.d","multusAutoconfigDir":"%1$s/net.d"}"""
                .formatted(dir));
        Files.writeString(dir.resolve("net.d/00-multus.conf"), """
                {"cniVersion":"1.0.0","name":"multus-cni-network","type":"manifold-shim",
                 "clusterNetwork":"%s/net.d/10-cluster.conflist"}""".formatted(dir));

        int exit = explain("team/app");

        assertThat(exit).as(output()).isZero();
        assertThat(output()).isEqualTo(fixture("expected-app.txt"));
    }
}
