package dev.manifold.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The daemon configuration: Multus's daemon-config keys (same names, same meaning) plus
 * Manifold's own. Built by {@link ConfigParser}; per request the keys of the forwarded
 * {@code 00-multus.conf} fill in what the daemon file leaves out ({@link ConfigParser#merge}).
 *
 * @param clusterNetwork       a NAD name ({@code ns/name} or {@code name}), a config file path,
 *                             a directory, or a config {@code name} in {@link #confDir}
 * @param globalNamespaces     namespaces whose NADs any pod may use when
 *                             {@link #namespaceIsolation} is on
 * @param multusConfigFile     {@code auto} to generate {@code 00-multus.conf}, a path to install
 *                             that file, empty to do neither
 * @param parallelSecondaries  run secondaries that share nothing on the node concurrently
 *                             (default true; the rule is in {@code attach.SharedResources})
 * @param delegateTimeoutSeconds bound on one delegate plugin exec
 * @param multusConfigFileName the file name {@link #multusConfigFile} is written under in
 *                             {@link #cniConfigDir} when {@code auto}
 * @param cleanupConfigOnExit  remove the installed {@code 00-multus.conf} when the daemon stops
 * @param shimType             the {@code type} written into a generated {@code 00-multus.conf}:
 *                             the CNI executable the runtime runs
 * @param logOptions           rotation of {@link #logFile} (Multus's {@code logOptions})
 * @param metricsBindAddress   the address the metrics endpoint on {@link #metricsPort} binds
 */
public record DaemonConfig(
        Path confDir,
        Path cniDir,
        List<Path> binDir,
        Path socketDir,
        Optional<Path> chrootDir,
        Optional<Path> kubeconfig,
        Optional<String> clusterNetwork,
        List<String> defaultNetworks,
        String multusNamespace,
        List<String> systemNamespaces,
        boolean namespaceIsolation,
        List<String> globalNamespaces,
        Optional<Path> readinessIndicatorFile,
        int readinessTimeoutSeconds,
        String logLevel,
        Optional<Path> logFile,
        boolean logToStderr,
        int metricsPort,
        Optional<String> multusConfigFile,
        Path cniConfigDir,
        Path multusAutoconfigDir,
        Optional<String> cniVersion,
        Optional<Path> standaloneDir,
        Optional<String> nodeName,
        boolean parallelSecondaries,
        int delegateTimeoutSeconds,
        String multusConfigFileName,
        boolean cleanupConfigOnExit,
        String shimType,
        LogOptions logOptions,
        String metricsBindAddress) {

    public DaemonConfig {
        binDir = List.copyOf(binDir);
        defaultNetworks = List.copyOf(defaultNetworks);
        systemNamespaces = List.copyOf(systemNamespaces);
        globalNamespaces = List.copyOf(globalNamespaces);
    }

    /** The socket path the shim connects to: {@code <socketDir>/multus.sock}. */
    public Path socketPath() {
        return socketDir.resolve("multus.sock");
    }

    /** Whether a pod in {@code namespace} gets {@link #defaultNetworks}. */
    public boolean getsDefaultNetworks(String namespace) {
        return !systemNamespaces.contains(namespace);
    }
}
