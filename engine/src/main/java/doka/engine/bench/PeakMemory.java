package doka.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size and CPU time of this process. */
public final class PeakMemory {
    private PeakMemory() {
    }

    /**
     * CPU time of this process (all threads, JIT and GC included), ns, or -1 if the JVM cannot
     * tell. On a shared machine this, not threads × wall time, is what a run really costs.
     */
    public static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Peak RSS in MiB (Linux {@code /proc/self/status}, VmHWM), or NaN where /proc is not available. */
    public static double peakRssMb() {
        return statusMb("VmHWM:");
    }

    /** Current RSS in MiB ({@code VmRSS}), or NaN where /proc is not available. */
    public static double rssMb() {
        return statusMb("VmRSS:");
    }

    private static double statusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
