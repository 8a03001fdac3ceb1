package doka.launcher.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import doka.launcher.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./doka report <run-dir>}: (re)writes report.html and its figures from a finished run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write report.html and its PNG figures for a finished run directory.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<run-dir>")
    Path runDir;

    @Override
    public Integer call() {
        System.out.println("report: " + ReportWriter.write(runDir));
        return 0;
    }
}
