package dev.manifold.daemon.selection;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.manifold.crds.npwg.NpwgJson;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkSelectionElement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a networks annotation: a list of selection elements. Shapes are checked by
 * {@link NpwgJson} (strict about types, unknown keys ignored); this class turns its failures into
 * messages that say which element and which key, in the user's terms rather than Jackson's.
 */
final class JsonForm {
    /** What each key must hold, for the message when it holds something else. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("name", "a string"),
            Map.entry("namespace", "a string"),
            Map.entry("ips", "a list of strings (IPs or CIDRs)"),
            Map.entry("mac", "a string"),
            Map.entry("infiniband-guid", "a string"),
            Map.entry("interface", "a string"),
            Map.entry("interfaceRequest", "a string"),
            Map.entry("portMappings", "a list of objects {hostPort, containerPort, protocol, hostIP}"),
            Map.entry("bandwidth", "an object {ingressRate, ingressBurst, egressRate, egressBurst}"),
            Map.entry("deviceID", "a string"),
            Map.entry("cni-args", "an object"),
            Map.entry("default-route", "a list of strings (gateway IPs)"),
            Map.entry("ipam-claim-reference", "a string"));
    private static final int MAX_JACKSON_TEXT = 160;

    private JsonForm() {
    }

    /** @throws CniException code 7 saying where the JSON is wrong */
    static List<Located> read(String json) {
        if (json.startsWith("{")) {
            throw invalid("a single JSON object; the JSON form is a list of them: [{\"name\": ...}]");
        }
        List<NetworkSelectionElement> elements;
        try {
            elements = NpwgJson.readSelectionElements(json);
        } catch (JsonParseException e) {
            throw invalid("invalid JSON " + at(e.getLocation()) + ": " + jacksonText(e), e);
        } catch (JsonMappingException e) {
            throw invalid(describe(e), e);
        } catch (JsonProcessingException e) {
            throw invalid("invalid JSON: " + jacksonText(e), e);
        }
        List<Located> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(new Located("JSON element " + (i + 1), elements.get(i)));
        }
        return out;
    }

    private static String describe(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || path.get(0).getIndex() < 0) {
            // Not about an element: e.g. trailing content after the list.
            return "invalid JSON " + at(e.getLocation()) + ": " + jacksonText(e);
        }
        String element = "JSON element " + (path.get(0).getIndex() + 1) + ": ";
        if (path.size() == 1) {
            if (e instanceof MismatchedInputException) {
                return element + "must be an object with a \"name\"";
            }
            return element + jacksonText(e);
        }
        String key = path.get(1).getFieldName();
        String expected = EXPECTED.get(key);
        if (expected == null) {
            return element + "\"" + Echo.brief(String.valueOf(key)) + "\": " + jacksonText(e);
        }
        if (path.size() > 2 && (key.equals("portMappings") || key.equals("bandwidth"))) {
            return element + "\"" + key + "\"" + inner(path) + " " + mismatch(e);
        }
        return element + "\"" + key + "\" must be " + expected;
    }

    /** {@code  entry 2: "hostPort"} for the path {@code [0]->portMappings->[1]->hostPort}. */
    private static String inner(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path.subList(2, path.size())) {
            out.append(ref.getIndex() >= 0 ? " entry " + (ref.getIndex() + 1) + ":" : " \"" + ref.getFieldName() + "\"");
        }
        return out.toString();
    }

    private static String mismatch(JsonMappingException e) {
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + describeType(m.getTargetType());
        }
        return "is invalid: " + jacksonText(e);
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        // What remains in fabric8's model are its classes and maps: JSON objects.
        return "an object";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return (location.getLineNr() > 1 ? "at line " + location.getLineNr() + ", column " : "at column ")
                + location.getColumnNr();
    }

    /** Jackson's own words, without its location suffix or source excerpt, cut short. */
    private static String jacksonText(JsonProcessingException e) {
        String text = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        text = text.lines().findFirst().orElse("");
        // Some messages cite a second location ("start marker at [Source: ...; line: 1, ...]").
        int source = text.indexOf(" (start marker at [Source");
        if (source < 0) {
            source = text.indexOf("[Source");
        }
        return Echo.cut(source < 0 ? text : text.substring(0, source), MAX_JACKSON_TEXT);
    }

    private static CniException invalid(String problem) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, problem);
    }

    private static CniException invalid(String problem, Throwable cause) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, problem, cause);
    }
}
