package doka.engine.record;

import java.util.Arrays;

import doka.engine.kernel.Network;
import doka.engine.kernel.NeuronDynamics;
import doka.engine.kernel.Ownership;
import doka.engine.kernel.Population;
import doka.engine.kernel.Receptor;
import doka.engine.kernel.StepObserver;

/**
 * Synaptic input currents onto chosen neurons, summed per group and sampled every k steps: the
 * excitatory channel ({@link Receptor#EXCITATORY}) and the inhibitory ones (channel 1 and any further
 * channel of the model) apart. A network split over ranks records the neurons its rank owns.
 *
 * <p>The sums are fixed point: each neuron's current is rounded to a multiple of {@link #QUANTUM_PA}
 * and added as a {@code long}. Integer sums do not depend on their order, so the parts of a member
 * split over ranks add up (e.g. with {@code RankComm.sum}) to the same bits for any split and thread
 * count; the rounding (below 10⁻⁶ pA per neuron) is far below any current of interest.
 */
public final class SynapticCurrentRecorder implements StepObserver {
    /** The resolution of each neuron's current in the sums, pA (2⁻²⁰). */
    public static final double QUANTUM_PA = 0x1p-20;

    private final int[] groupOfNeuron;
    private final int groups;
    private long stepOffset;
    // This rank's recorded neurons: their dynamics, population-local index, group and channel count.
    private NeuronDynamics[] dynamics = new NeuronDynamics[0];
    private int[] local = new int[0];
    private int[] group = new int[0];
    private int[] channels = new int[0];
    // Samples, [sample][group]; the step each was taken at.
    private long[] excitatory;
    private long[] inhibitory;
    private long[] sampleStep = new long[16];
    private int samples;

    /**
     * @param groupOfNeuron group of each neuron of the network (global index), -1 for a neuron not recorded
     * @param groups        number of groups
     */
    public SynapticCurrentRecorder(int[] groupOfNeuron, int groups) {
        this.groupOfNeuron = groupOfNeuron.clone();
        this.groups = groups;
        for (int g : groupOfNeuron) {
            if (g < -1 || g >= groups) {
                throw new IllegalArgumentException("group " + g + " is not -1 or in 0.." + (groups - 1));
            }
        }
        this.excitatory = new long[16 * groups];
        this.inhibitory = new long[16 * groups];
    }

    /**
     * Records from {@code network} from now on (the neurons it owns), every {@code everySteps} steps; a
     * sample's step is {@code stepOffset} plus the network's step count at the end of the sampled step (a
     * member rebuilt mid-run passes its steps before the rebuild). Call again after a rebuild.
     */
    public void attach(Network network, int everySteps, long stepOffset) {
        if (network.neuronCount() != groupOfNeuron.length) {
            throw new IllegalArgumentException("the recorder has groups for " + groupOfNeuron.length + " neurons; the network has "
                    + network.neuronCount());
        }
        this.stepOffset = stepOffset;
        Ownership owned = network.owned();
        int n = 0;
        for (int r = 0; r < owned.rangeCount(); r++) {
            for (int i = owned.rangeStart(r); i < owned.rangeEnd(r); i++) {
                n += groupOfNeuron[i] >= 0 ? 1 : 0;
            }
        }
        dynamics = new NeuronDynamics[n];
        local = new int[n];
        group = new int[n];
        channels = new int[n];
        int k = 0;
        for (int r = 0; r < owned.rangeCount(); r++) {
            for (int i = owned.rangeStart(r); i < owned.rangeEnd(r); i++) {
                if (groupOfNeuron[i] >= 0) {
                    Population p = network.populationOf(i);
                    dynamics[k] = p.dynamics();
                    local[k] = i - p.offset();
                    group[k] = groupOfNeuron[i];
                    channels[k] = p.dynamics().model().receptorChannels();
                    k++;
                }
            }
        }
        network.addStepObserver(this, everySteps);
    }

    @Override
    public void afterStep(Network network, long step) {
        if (samples == sampleStep.length) {
            sampleStep = Arrays.copyOf(sampleStep, 2 * samples);
            excitatory = Arrays.copyOf(excitatory, 2 * samples * groups);
            inhibitory = Arrays.copyOf(inhibitory, 2 * samples * groups);
        }
        int base = samples * groups;
        Arrays.fill(excitatory, base, base + groups, 0L);
        Arrays.fill(inhibitory, base, base + groups, 0L);
        for (int k = 0; k < local.length; k++) {
            NeuronDynamics d = dynamics[k];
            int i = local[k];
            long in = 0;
            for (int c = Receptor.INHIBITORY; c < channels[k]; c++) {
                in += quanta(d.synapticCurrentPa(c, i));
            }
            excitatory[base + group[k]] = Math.addExact(excitatory[base + group[k]], quanta(d.synapticCurrentPa(Receptor.EXCITATORY, i)));
            inhibitory[base + group[k]] = Math.addExact(inhibitory[base + group[k]], in);
        }
        sampleStep[samples++] = stepOffset + step + 1;
    }

    private static long quanta(double currentPa) {
        return Math.round(currentPa * (1.0 / QUANTUM_PA));
    }

    public int groups() {
        return groups;
    }

    public int samples() {
        return samples;
    }

    /** The step count at sample {@code k}: it holds the currents at time {@code step · dt}. */
    public long sampleStep(int k) {
        return sampleStep[k];
    }

    /** Summed excitatory current of group {@code g} at sample {@code k}, in {@link #QUANTUM_PA} units. */
    public long excitatoryQuanta(int k, int g) {
        return excitatory[k * groups + g];
    }

    /** Summed inhibitory current (every inhibitory channel) of group {@code g} at sample {@code k}, in {@link #QUANTUM_PA} units. */
    public long inhibitoryQuanta(int k, int g) {
        return inhibitory[k * groups + g];
    }

    /** Forgets every sample. */
    public void clear() {
        samples = 0;
    }
}
