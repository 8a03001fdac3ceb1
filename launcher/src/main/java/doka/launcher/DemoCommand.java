package doka.launcher;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * The main job. Until the cortex twin experiment lands, it runs the largest end-to-end path that
 * exists and says so.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demonstration: the largest end-to-end path built so far.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Doka demo: the 4-member twin experiment on the synthetic bilateral cortex is not built"
                + " yet; running the MPI layer it will use.");
        boolean ok = MpiCheckCommand.check(4, 1) && MpiCheckCommand.check(4, 2);
        return ok ? 0 : 1;
    }
}
