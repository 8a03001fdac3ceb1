package doka.launcher.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import doka.engine.kernel.RankComm;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.external.ExternalMember;
import doka.observation.ObservedQuantity;

/**
 * Members that are programs of their own ({@code "kind": "external"}): each observable the
 * configuration names is an observed quantity (area {@code external}, group = the observable's name),
 * and the parameters are named as the program names them; the program checks them when it is greeted.
 */
final class ExternalModel implements SpikingModel {
    static final String AREA = "external";

    private final EnsembleConfig.Model.External config;

    ExternalModel(EnsembleConfig.Model.External config) {
        this.config = config;
    }

    @Override
    public List<ObservedQuantity> quantities() {
        return config.observables().stream().map(o -> new ObservedQuantity(AREA, o)).toList();
    }

    /** Any name: the program knows its parameters, and refuses an unknown one when greeted. */
    @Override
    public void checkParameter(String name) {
    }

    /** Unknown until the program is greeted. */
    @Override
    public double expectedNeurons() {
        return 0;
    }

    @Override
    public SpikingMember build(long seed, int threads, RankComm comm, Readout readout) {
        return build("member", seed, threads, comm, readout);
    }

    @Override
    public SpikingMember build(String name, long seed, int threads, RankComm comm, Readout readout) {
        if (comm != null && comm.size() > 1) {
            throw new ConfigException("ranksPerMember " + comm.size() + ": an external member is one process");
        }
        Path directory = Path.of(config.directory() == null ? "." : config.directory());
        return new ExternalMember(name, config.command(), directory, Duration.ofMillis(Math.round(config.timeoutS() * 1000)),
                seed, threads, config.observables(), readout);
    }
}
