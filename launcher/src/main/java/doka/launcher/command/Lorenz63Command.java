package doka.launcher.command;

import java.io.IOException;
import java.util.concurrent.Callable;

import doka.enkf.twin.HiddenMarkovModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./doka lorenz63}: a twin experiment on Lorenz-63 (σ = 10, ρ = 28, β = 8/3; RK4 with dt = 0.01;
 * all three variables observed every 25 steps with error variance 2, as in Sakov et al. 2012).
 */
@Command(name = "lorenz63", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Twin experiment on Lorenz-63 (Sakov et al. 2012 setup); prints the time-averaged analysis "
                + "RMSE and spread after the burn-in. Lorenz-63 has no geometry: the LETKF uses every observation.")
public final class Lorenz63Command implements Callable<Integer> {
    @Mixin
    Lorenz96Command.TwinOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return options.run(spec, HiddenMarkovModel.lorenz63Sakov2012(), 10, 1.02, null, null);
    }
}
