package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** What a shim run printed and how it exited. */
record ProcessResult(int exit, String stdout, String stderr) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
        try {
            return JSON.readTree(stdout);
        } catch (IOException e) {
            throw new AssertionError("shim stdout is not JSON: " + stdout + " (stderr: " + stderr + ")", e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + ", stdout: " + stdout.trim() + (stderr.isBlank() ? "" : ", stderr: " + stderr.trim());
    }
}
