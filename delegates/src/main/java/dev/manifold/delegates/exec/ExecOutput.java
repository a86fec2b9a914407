package dev.manifold.delegates.exec;

/** What one plugin run printed, and how it exited. */
public record ExecOutput(int exitCode, byte[] stdout, byte[] stderr) {
    public ExecOutput {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }
}
