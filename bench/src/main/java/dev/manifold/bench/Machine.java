package dev.manifold.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a reader needs to know about the machine before believing a figure. */
record Machine(int cpus, String cpuModel, String memory, String kernel, String jdk) {
    static Machine here() {
        String free = Host.run("free", "-h");
        String memLine = free.lines().filter(l -> l.startsWith("Mem:")).findFirst().orElse("Mem: ?").trim();
        String[] mem = memLine.split("\\s+");
        String memory = mem.length >= 7 ? mem[1] + " total, " + mem[6] + " available" : memLine;
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), memory, Host.run("uname", "-r").trim(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** {@code /proc/loadavg}'s three averages. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The 1-minute load average. */
    static double load1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
