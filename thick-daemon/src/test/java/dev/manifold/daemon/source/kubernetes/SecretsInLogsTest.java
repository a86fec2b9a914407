package dev.manifold.daemon.source.kubernetes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kubeconfig's credentials (a bearer token, a basic-auth password) never show in a log line —
 * down to DEBUG, fabric8's and Vert.x's included, stack traces included — nor in an error the runtime gets, whatever goes wrong with
 * the API: nothing listening, or an API server refusing them (401).
 */
class SecretsInLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "mf-fake-token-7e1f0c2b9a";
    private static final String PASSWORD = "mf-fake-password-5d3a";
    private static final KubernetesSource.Timeouts TIMEOUTS = new KubernetesSource.Timeouts(
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    /** The daemon's logback.xml quiets these; here they log everything down to DEBUG. */
    private final List<Logger> loud = List.of(root, logger("io.fabric8"), logger("io.vertx"), logger("org.eclipse.jetty"),
            logger("dev.manifold"), logger("manifold"));
    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    private Daemon daemon;
    private KubernetesClient client;
    private HttpServer fakeApi;
    private ServerSocket plainText;

    @AfterEach
    void stop() throws IOException {
        root.detachAppender(logs);
        levels.forEach(Logger::setLevel);
        if (daemon != null) {
            daemon.close();
            client.close();
        }
        if (fakeApi != null) {
            fakeApi.stop(0);
        }
        if (plainText != null) {
            plainText.close();
        }
    }

    /** Starts a daemon on a kubeconfig for {@code server} carrying both credentials; captures every log event from then on. */
    private List<UnixHttp.Answer> daemonTalkingTo(String server) throws Exception {
        return daemonTalkingTo(server, "{token: %s, username: admin, password: %s}".formatted(TOKEN, PASSWORD));
    }

    /**
     * Starts a daemon on a kubeconfig for {@code server} whose user is {@code user} (a YAML flow
     * mapping), captures every log event from then on, and sends it an ADD, a DEL and a CHECK.
     */
    private List<UnixHttp.Answer> daemonTalkingTo(String server, String user) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                users: [{name: u, user: %s}]
                """.formatted(server, user));
        captureLogs();
        Path netd = Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(netd.resolve("10-cluster.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"cluster\",\"type\":\"bridge\"}");
        ObjectNode raw = (ObjectNode) JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","binDir":"%s","confDir":"%s","clusterNetwork":"%s","nodeName":"node-s"}"""
                .formatted(dir.resolve("run"), dir.resolve("cache"), dir.resolve("bin"), netd, netd.resolve("10-cluster.conf")));
        client = KubernetesClients.create(Optional.of(kubeconfig), TIMEOUTS.request());
        daemon = new Daemon(ConfigParser.parse(raw, k -> { }), raw, new KubernetesSource(client, "node-s", TIMEOUTS));
        daemon.start();
        List<UnixHttp.Answer> answers = new ArrayList<>();
        for (String command : List.of("ADD", "DEL", "CHECK")) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("CNI_COMMAND", command);
            env.put("CNI_CONTAINERID", "secrets1");
            env.put("CNI_NETNS", "/proc/self/ns/net");
            env.put("CNI_IFNAME", "eth0");
            env.put("CNI_ARGS", "K8S_POD_NAMESPACE=team;K8S_POD_NAME=app");
            answers.add(UnixHttp.cni(dir.resolve("run/multus.sock"), env,
                    "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}"));
        }
        return answers;
    }

    /** Every log event from now on, down to DEBUG for the daemon, fabric8, Vert.x and Jetty. */
    private void captureLogs() {
        for (Logger l : loud) {
            levels.put(l, l.getLevel());
            l.setLevel(Level.DEBUG);
        }
        logs.start();
        root.addAppender(logs);
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    /** Every captured line: message, arguments, exception messages and stack frames. */
    private String everythingLogged() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            all.append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    all.append(frame.getSTEAsString()).append('\n');
                }
            }
        }
        return all.toString();
    }

    @Test
    void givenNothingListensForTheApi_whenPodsAreServed_thenNeitherLogsNorErrorsCarryCredentials() throws Exception {
        List<UnixHttp.Answer> answers = daemonTalkingTo("http://127.0.0.1:1");

        assertThat(answers.get(0).body()).contains("\"code\":11");
        assertThat(everythingLogged()).as("the failures were logged").contains("unreachable");
        assertThat(everythingLogged()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        answers.forEach(a -> assertThat(a.body()).doesNotContain(TOKEN).doesNotContain(PASSWORD));
    }

    @Test
    void givenAnApiRefusingTheCredentials_whenPodsAreServed_thenNeitherLogsNorErrorsCarryThem() throws Exception {
        fakeApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fakeApi.createContext("/", exchange -> {
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Unauthorized\","
                    + "\"reason\":\"Unauthorized\",\"code\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        fakeApi.start();

        List<UnixHttp.Answer> answers = daemonTalkingTo("http://127.0.0.1:" + fakeApi.getAddress().getPort());

        assertThat(answers.get(0).body()).contains("\"code\":11").contains("401");
        assertThat(everythingLogged()).as("the failures were logged").contains("401");
        assertThat(everythingLogged()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        answers.forEach(a -> assertThat(a.body()).doesNotContain(TOKEN).doesNotContain(PASSWORD));
    }

    @Test
    void givenAnInlineClientCertificateAndKey_whenNothingListensForTheApi_thenNeitherLogsNorErrorsCarryThem()
            throws Exception {
        ClientCredentials credentials = ClientCredentials.generate(dir);
        assertThatThrownBy(() -> credentials.assertNotIn("a line quoting the key", "key: " + credentials.keyPem()))
                .as("the check catches a key").isInstanceOf(AssertionError.class);

        List<UnixHttp.Answer> answers = daemonTalkingTo("https://127.0.0.1:1", credentials.userYaml());

        assertThat(answers.get(0).body()).contains("\"code\":11").contains("Kubernetes API unreachable");
        assertThat(everythingLogged()).as("the failures were logged").contains("unreachable");
        credentials.assertNotIn("the log", everythingLogged());
        answers.forEach(a -> credentials.assertNotIn("an answer", a.body()));
    }

    @Test
    void givenAnInlineClientCertificateAndKey_whenTheApiAddressDoesNotSpeakTls_thenNeitherLogsNorErrorsCarryThem()
            throws Exception {
        ClientCredentials credentials = ClientCredentials.generate(dir);
        // Plain HTTP where the kubeconfig says https: every TLS handshake fails on the answer.
        plainText = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!plainText.isClosed()) {
                try (Socket s = plainText.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed
                }
            }
        });

        List<UnixHttp.Answer> answers = daemonTalkingTo("https://127.0.0.1:" + plainText.getLocalPort(), credentials.userYaml());

        assertThat(answers.get(0).body()).contains("\"code\":11").contains("Kubernetes API unreachable");
        assertThat(everythingLogged()).as("the TLS failures were logged").containsIgnoringCase("SSL");
        credentials.assertNotIn("the log", everythingLogged());
        answers.forEach(a -> credentials.assertNotIn("an answer", a.body()));
    }

    @Test
    void givenAnInlineClientKeyThatIsNoKey_whenTheClientIsMadeAndUsed_thenNeitherLogsNorErrorsCarryIt() throws Exception {
        ClientCredentials good = ClientCredentials.generate(dir);
        // A certificate with a "key" that is not one: base64 of a PEM block holding random bytes.
        String notAKey = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(randomBytes(600)) + "\n-----END PRIVATE KEY-----\n";
        ClientCredentials broken = new ClientCredentials(good.certificatePem(), notAKey);
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                users: [{name: u, user: %s}]
                """.formatted(broken.userYaml()));
        captureLogs();

        StringBuilder errors = new StringBuilder();
        try (KubernetesClient c = KubernetesClients.create(Optional.of(kubeconfig), TIMEOUTS.request())) {
            KubernetesSource s = new KubernetesSource(c, "node-s", TIMEOUTS);
            try {
                s.pod(new dev.manifold.daemon.source.PodRef("team", "app"));
            } catch (RuntimeException e) {
                errors.append(everythingOf(e));
            }
            s.close();
        } catch (RuntimeException e) {
            errors.append(everythingOf(e));
        }

        System.out.println("SECRETS a client key that is no key: " + errors.toString().lines().findFirst().orElse(""));
        assertThat(errors).as("the client failed somewhere").isNotEmpty();
        broken.assertNotIn("an error", errors.toString());
        broken.assertNotIn("the log", everythingLogged());
    }

    @Test
    void givenAKubeconfigBrokenNextToItsToken_whenTheClientIsMade_thenTheErrorNamesTheFileOnly() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                users:
                  - name: u
                    user:
                      token: %s
                  this is: [not, valid
                """.formatted(TOKEN));

        assertThatThrownBy(() -> KubernetesClients.create(Optional.of(kubeconfig), TIMEOUTS.request()))
                .hasMessageContaining(kubeconfig.toString())
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
                    }
                });
    }

    /** Message, class and stack frames of {@code e} and its causes and suppressed exceptions, as a stack trace prints them. */
    private static String everythingOf(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    /**
     * A client certificate and its private key as PEM, fresh for each test (made with the JDK's
     * keytool: nothing secret lives in the repository), and the fingerprints that must never show:
     * the kubeconfig values (base64 of the PEM) and the PEM bodies, in pieces, so that a part of
     * one is caught too.
     */
    private record ClientCredentials(String certificatePem, String keyPem) {
        static ClientCredentials generate(Path dir) throws Exception {
            Path store = dir.resolve("client.p12");
            Files.deleteIfExists(store);
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=system:node:node-s,O=system:nodes", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.waitFor()).as(output).isZero();
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            java.security.Key key = ks.getKey("client", "changeit".toCharArray());
            java.security.cert.Certificate cert = ks.getCertificate("client");
            return new ClientCredentials(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", key.getEncoded()));
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }

        String certificateData() {
            return Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII));
        }

        String keyData() {
            return Base64.getEncoder().encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII));
        }

        /** The kubeconfig user: both inline, as kubeadm writes a node's kubelet.conf. */
        String userYaml() {
            return "{client-certificate-data: " + certificateData() + ", client-key-data: " + keyData() + "}";
        }

        /** Fails when {@code text} holds any 24-character piece of the credentials or of their kubeconfig values. */
        void assertNotIn(String where, String text) {
            for (String secret : List.of(body(keyPem), body(certificatePem), keyData(), certificateData())) {
                // From character 48 on: the first ones encode only the PEM header, which is no secret.
                for (int i = 48; i + 24 <= secret.length(); i += 12) {
                    String piece = secret.substring(i, i + 24);
                    assertThat(text).as("%s holds a piece of a client credential (%s…)", where, piece).doesNotContain(piece);
                }
            }
        }

        /** The base64 between the PEM lines, unwrapped. */
        private static String body(String pem) {
            return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        }
    }
}
