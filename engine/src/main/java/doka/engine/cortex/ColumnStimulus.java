package doka.engine.cortex;

import doka.engine.atlas.Area;
import doka.engine.atlas.Atlas;
import doka.engine.atlas.Layer;
import doka.engine.kernel.InputDevice;
import java.util.Arrays;

/**
 * DC current into the L2/3 cells (all classes, or those the model names) of one voxel column of
 * an area, from onset to offset step. The amplitude may change between simulate calls ({@link CortexNetwork} re-adds
 * the device so the kernel sees the change).
 */
public final class ColumnStimulus implements InputDevice {
    private final int[] neurons;
    private final long onStep;
    private final long offStep;
    private final int column;
    private double amplitudePa;

    ColumnStimulus(int[] neurons, int column, long onStep, long offStep, double amplitudePa) {
        this.neurons = neurons;
        this.column = column;
        this.onStep = onStep;
        this.offStep = offStep;
        this.amplitudePa = amplitudePa;
    }

    /**
     * The stimulus for a model's stimulation section: the column given, or the column of the
     * area's L2/3 voxels nearest the mean position of those voxels.
     */
    static ColumnStimulus of(Atlas atlas, Cells cells, CortexModel.StimulationSpec spec, double dtMs, double amplitudePa) {
        Area area = atlas.area(spec.area());
        int column = spec.column() != null ? spec.column() : centralColumn(atlas, area.index());
        if (column < 0 || column >= atlas.columnCount()) {
            throw new IllegalArgumentException("$.stimulation.column " + column + " is not a column of the atlas (0.."
                    + (atlas.columnCount() - 1) + ")");
        }
        int[] out = new int[16];
        int n = 0;
        for (CellClass c : CellClass.values()) {
            if (!spec.drives(c)) {
                continue;
            }
            int p = Cells.population(area.index(), Layer.L2_3.modelledIndex(), c);
            for (int i = cells.offset(p); i < cells.offset(p + 1); i++) {
                if (atlas.voxelColumn(cells.voxel(i)) == column) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, 2 * n);
                    }
                    out[n++] = i;
                }
            }
        }
        long on = Math.round(spec.startMs() / dtMs);
        long off = spec.stopMs() >= Double.MAX_VALUE / 2 ? Long.MAX_VALUE : Math.round(spec.stopMs() / dtMs);
        return new ColumnStimulus(Arrays.copyOf(out, n), column, on, off, amplitudePa);
    }

    /** The column holding L2/3 voxels of the area nearest their mean position. */
    static int centralColumn(Atlas atlas, int area) {
        double[] c = new double[3];
        int n = 0;
        for (int v = 0; v < atlas.voxelCount(); v++) {
            if (atlas.voxelArea(v) == area && atlas.voxelLayer(v) == Layer.L2_3) {
                for (int k = 0; k < 3; k++) {
                    c[k] += atlas.voxelPosUm(v, k);
                }
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("area " + atlas.areas().get(area).name() + " has no L2/3 voxels to stimulate");
        }
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int v = 0; v < atlas.voxelCount(); v++) {
            if (atlas.voxelArea(v) == area && atlas.voxelLayer(v) == Layer.L2_3) {
                double d = 0;
                for (int k = 0; k < 3; k++) {
                    double x = atlas.voxelPosUm(v, k) - c[k] / n;
                    d += x * x;
                }
                if (d < bestD) {
                    bestD = d;
                    best = atlas.voxelColumn(v);
                }
            }
        }
        return best;
    }

    @Override
    public long nextChangeAfter(long step) {
        if (step < onStep) {
            return onStep;
        }
        return step < offStep ? offStep : Long.MAX_VALUE;
    }

    @Override
    public void addCurrent(long step, double[] stimulusPa) {
        if (step >= onStep && step < offStep && amplitudePa != 0) {
            for (int n : neurons) {
                stimulusPa[n] += amplitudePa;
            }
        }
    }

    void setAmplitudePa(double amplitudePa) {
        this.amplitudePa = amplitudePa;
    }

    public double amplitudePa() {
        return amplitudePa;
    }

    /** Stimulated neurons (global indices). */
    public int[] neurons() {
        return neurons.clone();
    }

    public int column() {
        return column;
    }
}
