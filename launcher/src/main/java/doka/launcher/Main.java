package doka.launcher;

import doka.launcher.command.*;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code doka} command line: one subcommand per job. {@code ./doka --help} lists them. */
@Command(name = "doka",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        resourceBundle = "doka.launcher.command.help", // the shared options' help texts, by command (SharedOptions)
        description = "Ensemble data assimilation for spiking models of the mouse cortex.",
        subcommands = {
            DemoCommand.class,
            MpiCheckCommand.class,
            ObservationsCommand.class,
            RunCommand.class,
            CalibrateCommand.class,
            ResumeCommand.class,
            ValidateCommand.class,
            PrepareCommand.class,
            ReportCommand.class,
            JobCommand.class,
            Lorenz96Command.class,
            Lorenz63Command.class,
            SimulateCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * Bad input and failed runs end with one clear line (the message names the file, field or
     * rank); {@code DOKA_DEBUG=1} adds the stack trace.
     */
    private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        // a failure inside an MPI world or an I/O error: its root cause first (the OS's reason, with the file)
        boolean buried = e instanceof doka.launcher.mpi.MulticoreWorld.RankFailedException
                || e instanceof java.io.UncheckedIOException;
        cli.getErr().println("doka " + commandPath(cli) + ": " + (buried ? Failures.oneLine(e) : e.getMessage()));
        if ("1".equals(System.getenv("DOKA_DEBUG"))) {
            e.printStackTrace(cli.getErr());
        }
        return 2;
    }

    /** "observations inspect" rather than just "inspect". */
    private static String commandPath(CommandLine cli) {
        StringBuilder b = new StringBuilder(cli.getCommandName());
        for (CommandLine c = cli.getParent(); c != null && c.getParent() != null; c = c.getParent()) {
            b.insert(0, c.getCommandName() + " ");
        }
        return b.toString();
    }

    /** The configured command line (also what tests drive). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(Main::reportFailure);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
