package dev.manifold.shim;

/**
 * A CNI error object the shim writes itself, when the daemon cannot answer or answers something
 * that is not a CNI error. Errors the daemon sends are passed through untouched instead.
 *
 * @param details omitted from the JSON when null
 */
record CniError(String cniVersion, int code, String msg, String details) {

    /** Spec code 11: the runtime should retry later; used when the daemon is down or stuck. */
    static final int TRY_AGAIN_LATER = 11;
    /** Spec code 50: STATUS says the plugin cannot serve ADD right now. */
    static final int PLUGIN_NOT_AVAILABLE = 50;
    /** libcni's code for untyped errors: the daemon's reply could not be understood. */
    static final int INTERNAL = 999;

    /** The compact, single-line JSON form the runtime parses from stdout. */
    String toJson() {
        StringBuilder json = new StringBuilder(128).append('{');
        JsonText.quote(JsonText.name(json, "cniVersion"), cniVersion).append(',');
        JsonText.name(json, "code").append(code).append(',');
        JsonText.quote(JsonText.name(json, "msg"), msg);
        if (details != null) {
            JsonText.quote(JsonText.name(json.append(','), "details"), details);
        }
        return json.append('}').toString();
    }
}
