package doka.engine.input;

import doka.engine.kernel.InputDevice;

/**
 * A constant current into chosen neurons over steps [startStep, stopStep) (NEST's
 * {@code dc_generator}); it acts in the step like I_e.
 */
public final class DcStimulus implements InputDevice {
    private final int[] neurons;
    private final double amplitudePa;
    private final long startStep;
    private final long stopStep;

    public DcStimulus(int[] neurons, double amplitudePa, long startStep, long stopStep) {
        if (!Double.isFinite(amplitudePa)) {
            throw new IllegalArgumentException("DC stimulus amplitudePa must be finite, got " + amplitudePa);
        }
        if (startStep < 0 || stopStep < startStep) {
            throw new IllegalArgumentException("DC stimulus needs 0 <= startStep <= stopStep, got " + startStep + ", "
                    + stopStep);
        }
        this.neurons = neurons.clone();
        this.amplitudePa = amplitudePa;
        this.startStep = startStep;
        this.stopStep = stopStep;
    }

    /** Over [startMs, stopMs) on a grid of {@code dtMs} (times rounded to the nearest step). */
    public static DcStimulus ofMs(int[] neurons, double amplitudePa, double startMs, double stopMs, double dtMs) {
        return new DcStimulus(neurons, amplitudePa, Math.round(startMs / dtMs), Math.round(stopMs / dtMs));
    }

    @Override
    public long nextChangeAfter(long step) {
        if (step < startStep) {
            return startStep;
        }
        if (step < stopStep) {
            return stopStep;
        }
        return Long.MAX_VALUE;
    }

    @Override
    public void addCurrent(long step, double[] stimulusPa) {
        if (step >= startStep && step < stopStep) {
            for (int n : neurons) {
                stimulusPa[n] += amplitudePa;
            }
        }
    }
}
