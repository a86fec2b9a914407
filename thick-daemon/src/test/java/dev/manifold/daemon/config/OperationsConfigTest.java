package dev.manifold.daemon.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The keys of logging and metrics: {@code logOptions} (Multus's) and {@code metricsBindAddress}. */
class OperationsConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DaemonConfig parse(String json) throws IOException {
        return ConfigParser.parse((ObjectNode) JSON.readTree(json), key -> { });
    }

    @Test
    void givenNoLogOptions_whenParsed_thenMultusDefaults() throws Exception {
        assertThat(parse("{}").logOptions()).isEqualTo(new LogOptions(5, 100, 5, true));
    }

    @Test
    void givenMultusLogOptions_whenParsed_thenEveryKeyIsRead() throws Exception {
        DaemonConfig cfg = parse("{\"logOptions\":{\"maxAge\":7,\"maxSize\":20,\"maxBackups\":3,\"compress\":false}}");

        assertThat(cfg.logOptions()).isEqualTo(new LogOptions(7, 20, 3, false));
    }

    @Test
    void givenPartialLogOptions_whenParsed_thenTheOthersKeepTheirDefaults() throws Exception {
        assertThat(parse("{\"logOptions\":{\"maxSize\":10}}").logOptions()).isEqualTo(new LogOptions(5, 10, 5, true));
    }

    @Test
    void givenLogOptionOfTheWrongType_whenParsed_thenCode7NamingIt() {
        CniException e = catchThrowableOfType(CniException.class, () -> parse("{\"logOptions\":{\"maxSize\":\"big\"}}"));

        assertThat(e.code()).isEqualTo(7);
        assertThat(e.getMessage()).isEqualTo("logOptions: config key \"maxSize\" must be a non-negative integer");
    }

    @Test
    void givenLogOptionsAndMetricsBindAddress_whenParsed_thenNotReportedAsUnused() throws Exception {
        List<String> unused = new ArrayList<>();

        ConfigParser.parse((ObjectNode) JSON.readTree("{\"logOptions\":{},\"metricsBindAddress\":\"127.0.0.1\"}"), unused::add);

        assertThat(unused).isEmpty();
    }

    @Test
    void givenNoMetricsBindAddress_whenParsed_thenAllInterfacesAsMultus() throws Exception {
        assertThat(parse("{}").metricsBindAddress()).isEqualTo("0.0.0.0");
    }
}
