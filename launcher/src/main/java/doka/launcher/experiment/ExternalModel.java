package doka.launcher.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;

import doka.engine.kernel.RankComm;
import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;
import doka.launcher.config.ConfigException;
import doka.launcher.config.EnsembleConfig;
import doka.launcher.external.ExternalMember;
import doka.launcher.plugin.MemberPlugin;

/**
 * Members whose model Doka does not know: a program of its own ({@code "kind": "external"}) or a
 * plug-in in the JVM ({@code "kind": "plugin"}). Each observable the configuration names is an observed
 * quantity (area {@code external} or {@code plugin}, group = the observable's name), and the parameters
 * are named as the model names them; the model checks them when a member is built.
 */
final class ExternalModel implements SpikingModel {
    /** Builds one member of such a model. */
    @FunctionalInterface
    private interface Builder {
        SpikingMember build(String name, long seed, int threads, Readout readout);
    }

    private final String area;
    private final List<String> observables;
    private final Builder builder;

    private ExternalModel(String area, List<String> observables, Builder builder) {
        this.area = area;
        this.observables = List.copyOf(observables);
        this.builder = builder;
    }

    static ExternalModel external(EnsembleConfig.Model.External config) {
        Path directory = Path.of(config.directory() == null ? "." : config.directory());
        Duration timeout = Duration.ofMillis(Math.round(config.timeoutS() * 1000));
        return new ExternalModel("external", config.observables(), (name, seed, threads, readout) -> new ExternalMember(
                name, config.command(), directory, timeout, seed, threads, config.observables(), readout));
    }

    static ExternalModel plugin(EnsembleConfig.Model.Plugin config) {
        MemberPlugin plugin = findPlugin(config.className());
        return new ExternalModel("plugin", config.observables(), (name, seed, threads, readout) -> {
            try {
                return plugin.build(new MemberPlugin.Spec(name, seed, threads, readout, config.observables(), config.settings()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("model.class " + config.className() + ", " + name + ": " + e.getMessage());
            }
        });
    }

    /** The plug-in of that class among those {@link ServiceLoader} finds on the class path. */
    private static MemberPlugin findPlugin(String className) {
        ServiceLoader<MemberPlugin> loader = ServiceLoader.load(MemberPlugin.class, MemberPlugin.class.getClassLoader());
        List<String> found = loader.stream().map(p -> p.type().getName()).sorted().toList();
        return loader.stream().filter(p -> p.type().getName().equals(className)).findFirst()
                .orElseThrow(() -> new ConfigException("field 'model.class' is '" + className + "'; expected a "
                        + MemberPlugin.class.getName() + " listed in a jar's META-INF/services on the class path; found "
                        + found)).get();
    }

    @Override
    public List<doka.observation.ObservedQuantity> quantities() {
        return observables.stream().map(o -> new doka.observation.ObservedQuantity(area, o)).toList();
    }

    /** Any name: the model knows its parameters, and refuses an unknown one when a member is built. */
    @Override
    public void checkParameter(String name) {
    }

    /** Unknown until a member is built. */
    @Override
    public MemberSize size() {
        return null;
    }

    @Override
    public SpikingMember build(long seed, int threads, RankComm comm, Readout readout) {
        return build("member", seed, threads, comm, readout);
    }

    @Override
    public SpikingMember build(String name, long seed, int threads, RankComm comm, Readout readout) {
        if (comm != null && comm.size() > 1) {
            throw new ConfigException("ranksPerMember " + comm.size() + ": an " + area + " member runs on one rank");
        }
        return builder.build(name, seed, threads, readout);
    }
}
