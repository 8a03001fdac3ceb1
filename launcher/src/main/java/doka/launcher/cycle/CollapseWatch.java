package doka.launcher.cycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import doka.launcher.config.EnsembleConfig;

/**
 * On the analysis root: whether the ensemble still represents the data. For a consistent filter the
 * normalised innovation (mean of dⱼ² / (HPHᵀ + R)ⱼⱼ) is about 1; when it stays above
 * {@code faults.innovationAbove}, or the analysis spread ({@code diagnostics.csv}'s: natural units, the
 * state for Lorenz-96, else the parameters) stays below {@code faults.spreadBelow}, for
 * {@code faults.collapseWindows} windows in a row, the filter has collapsed (e.g. runaway members drove
 * the parameters to their bounds with no spread left): a warning, once per such stretch, and with
 * {@code faults.onCollapse = "stop"} the run stops with a checkpoint. It reads the numbers as
 * {@code diagnostics.csv} holds them, and a resumed run replays the file up to its checkpoint first
 * ({@link #replay}), so that its warnings and stops are those of a run straight through.
 */
final class CollapseWatch {
    private final EnsembleConfig.Faults limits;
    private final List<String> warnings = new ArrayList<>();
    private int innovationRun;
    private int spreadRun;

    CollapseWatch(EnsembleConfig.Faults limits) {
        this.limits = limits;
    }

    /** Takes the windows before a resume's checkpoint, in order: their warnings, and how long each stretch runs. */
    void replay(List<RunOutputs.Health> windows) {
        for (int w = 0; w < windows.size(); w++) {
            check(w, windows.get(w));
        }
    }

    /** Takes a window's statistics; returns the warning this window raises, or null. */
    String check(int window, RunOutputs.Health s) {
        innovationRun = s.normalizedInnovation() > limits.innovationAbove() ? innovationRun + 1 : 0;
        spreadRun = s.spreadAnalysis() < limits.spreadBelow() ? spreadRun + 1 : 0;
        String warning = null;
        if (innovationRun == limits.collapseWindows()) {
            warning = String.format(Locale.ROOT, "window %d: the normalised innovation has been above"
                    + " faults.innovationAbove = %.3g for %d window(s) (now %.3g, about 1 when the filter is consistent):"
                    + " the ensemble no longer represents the data; compare the members' predictions with the"
                    + " observations (observations.csv), widen the priors or add inflation", window,
                    limits.innovationAbove(), innovationRun, s.normalizedInnovation());
        } else if (spreadRun == limits.collapseWindows()) {
            warning = String.format(Locale.ROOT, "window %d: the analysis spread has been below faults.spreadBelow"
                    + " = %.3g for %d window(s) (now %.3g): the ensemble has collapsed and no longer takes in the data;"
                    + " add inflation (filter.rtps, filter.jitter)", window, limits.spreadBelow(), spreadRun,
                    s.spreadAnalysis());
        }
        if (warning != null) {
            warnings.add(warning);
        }
        return warning;
    }

    /** Whether the warning just raised stops the run. */
    boolean stops() {
        return limits.stopOnCollapse();
    }

    List<String> warnings() {
        return warnings;
    }
}
