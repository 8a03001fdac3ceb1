package doka.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code doka} command line: one subcommand per job. {@code ./doka --help} lists them. */
@Command(name = "doka",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Ensemble data assimilation for spiking models of the mouse cortex.",
        subcommands = {
            DemoCommand.class,
            MpiCheckCommand.class,
            ObservationsCommand.class,
            RunCommand.class,
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
        cli.getErr().println("doka " + cli.getCommandName() + ": " + e.getMessage());
        if ("1".equals(System.getenv("DOKA_DEBUG"))) {
            e.printStackTrace(cli.getErr());
        }
        return 2;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(Main::reportFailure);
        System.exit(cli.execute(args));
    }
}
