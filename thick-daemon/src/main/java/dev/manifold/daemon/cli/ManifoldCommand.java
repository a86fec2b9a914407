package dev.manifold.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code manifold} command line. */
@Command(name = "manifold", mixinStandardHelpOptions = true, versionProvider = ManifoldCommand.Version.class,
        description = "Manifold: a Multus-compatible CNI meta-plugin for Kubernetes.",
        subcommands = {DaemonCommand.class, StatusCommand.class, DemoCommand.class, ProbeCommand.class, InstallCommand.class,
                ExplainCommand.class, CommandLine.HelpCommand.class})
public final class ManifoldCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ManifoldCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ManifoldCommand.class.getPackage().getImplementationVersion();
            return new String[] {"manifold " + (v == null ? "dev" : v)};
        }
    }
}
