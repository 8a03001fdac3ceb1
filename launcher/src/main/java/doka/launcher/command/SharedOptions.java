package doka.launcher.command;

import doka.launcher.EnsembleRunner;
import doka.engine.pd14.Pd14;
import picocli.CommandLine.Option;

/**
 * Options several commands take, as picocli mixins: one declaration of each option's name, type and (where
 * the commands agree) default. Their help texts differ by command (users' scripts and habits know them), so
 * they are looked up in {@code doka/launcher/command/help.properties} under the command's full name, e.g.
 * {@code doka.simulate.seed}; {@code TestLauncherCommands} checks that every option has one.
 */
final class SharedOptions {
    private SharedOptions() {
    }

    /** --seed; its default is the command's (simulate 1, bench 12345): the value the mixin is created with. */
    static final class Seed {
        @Option(names = "--seed", descriptionKey = "seed")
        long seed;

        Seed(long defaultSeed) {
            this.seed = defaultSeed;
        }

        long value() {
            return seed;
        }
    }

    /** --threads; absent: all cores ({@link SimulateCommand#resolveThreads}). */
    static final class Threads {
        @Option(names = "--threads", descriptionKey = "threads")
        Integer threads;

        Integer value() {
            return threads;
        }
    }

    /** The PD14 microcircuit's size and drive: --n-scale, --k-scale, --background. */
    static final class Pd14Network {
        @Option(names = "--n-scale", defaultValue = "1", descriptionKey = "n-scale")
        double nScale;

        @Option(names = "--k-scale", defaultValue = "1", descriptionKey = "k-scale")
        double kScale;

        @Option(names = "--background", defaultValue = "poisson", descriptionKey = "background")
        Pd14.Background background;
    }

    /** --t-warmup-ms and --t-sim-ms: the untimed warm-up and the measured biological time. */
    static final class SimulationTimes {
        @Option(names = "--t-warmup-ms", defaultValue = "500", descriptionKey = "t-warmup-ms")
        double warmupMs;

        @Option(names = "--t-sim-ms", defaultValue = "1000", descriptionKey = "t-sim-ms")
        double simulationMs;
    }

    /** --run-dir and --quiet: where a run (or calibration) writes, and no progress lines on the terminal. */
    static final class RunOutput {
        @Option(names = "--run-dir", paramLabel = "DIR", descriptionKey = "run-dir")
        java.nio.file.Path runDir;

        @Option(names = "--quiet", descriptionKey = "quiet")
        boolean quiet;
    }

    /** --device: the MPJ Express device of the ranks the command starts. */
    static final class Device {
        @Option(names = "--device", defaultValue = "multicore", descriptionKey = "device")
        EnsembleRunner.Device device;

        EnsembleRunner.Device value() {
            return device;
        }
    }
}
