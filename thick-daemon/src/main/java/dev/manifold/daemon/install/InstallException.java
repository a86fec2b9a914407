package dev.manifold.daemon.install;

/**
 * {@code manifold install} refused or failed. The message names the offending path and is meant
 * for the operator as is; whatever was installed before is still in place and working.
 */
public final class InstallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InstallException(String message) {
        super(message);
    }

    InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
