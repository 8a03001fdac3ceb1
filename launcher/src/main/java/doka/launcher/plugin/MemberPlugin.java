package doka.launcher.plugin;

import java.util.List;
import java.util.Map;

import doka.engine.member.Readout;
import doka.engine.member.SpikingMember;

/**
 * A model in the JVM as ensemble members, from a jar on the class path: an implementation is listed in
 * the jar's {@code META-INF/services/doka.launcher.plugin.MemberPlugin}, found with
 * {@link java.util.ServiceLoader}, and named in a configuration by its class name:
 * {@code "model": {"kind": "plugin", "class": "org.example.MyModel", "observables": [...], "settings": {...}}}.
 *
 * <p>The members it builds implement {@link SpikingMember} (the filter's {@link doka.engine.member.Member}
 * plus warm-up, raster and size): they take the estimated parameters by the names of
 * {@link Spec#readout()}, advance one window of {@code readout.windowMs()}, and predict the configured
 * observables in bins of {@code readout.binMs()}, bin-major ({@code [bin][observable]}). The same seed
 * must give the same numbers, and {@code snapshot}/{@code restore} must continue bit for bit.
 */
public interface MemberPlugin {
    /** Builds one member; an unknown parameter or observable is an {@link IllegalArgumentException} naming it. */
    SpikingMember build(Spec spec);

    /**
     * What a member is built from.
     *
     * @param name        how the log and errors call it ("member 3", "truth")
     * @param seed        its network seed (the same for all members and the truth in a shared twin)
     * @param threads     threads it may use
     * @param readout     the estimated parameters' names, the window and the observation bin
     * @param observables the observables it predicts, in order
     * @param settings    the configuration's {@code model.settings}, as JSON values (numbers, strings, lists, maps)
     */
    record Spec(String name, long seed, int threads, Readout readout, List<String> observables,
            Map<String, Object> settings) {
    }
}
