package doka.launcher.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import doka.observation.io.RecordingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doka observations ...}: recorded activity and observation files. */
@Command(name = "observations", mixinStandardHelpOptions = true,
        description = "Recorded activity and observation files (NWB, doka HDF5, CSV).",
        subcommands = {ObservationsCommand.Inspect.class})
public final class ObservationsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code doka observations inspect <file> [--json]}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Summarise a recording: for NWB the units (count, spikes per unit, time range, locations) and the"
                    + " ophys RoiResponseSeries; for CSV or doka HDF5 the areas, times and values.",
                "With --json, one line with the keys units, spikes, t_start_s, t_stop_s (where they apply) and more."})
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<file>", description = "An NWB (.nwb), doka observation HDF5 or observation CSV file.")
        Path file;

        @Option(names = "--json", description = "Print one JSON line instead of text (default: ${DEFAULT-VALUE}).")
        boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            // jHDF logs every lazy group load at INFO; the summary is the output here. Must precede jHDF's first logger.
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", System.getProperty("org.slf4j.simpleLogger.log.io.jhdf", "warn"));
            RecordingSummary summary = RecordingSummary.inspect(file);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(summary.toJsonMap()));
            } else {
                summary.toLines().forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }
}
