package doka.engine.model;

import doka.engine.kernel.NeuronModel;

/**
 * Parameters of a model with exponential current synapses on three receptor channels
 * (excitatory, inhibitory, slow inhibitory), each with its time constant.
 */
interface PscExpParameters extends NeuronModel {
    double tauSynExMs();

    double tauSynInMs();

    double tauSynInSlowMs();

    /** Three: excitatory, inhibitory and slow inhibitory ({@code tau_syn_in_slow}). */
    @Override
    default int receptorChannels() {
        return 3;
    }

    /** The time constant of each receptor channel, ms. */
    default double[] receptorTausMs() {
        return new double[] {tauSynExMs(), tauSynInMs(), tauSynInSlowMs()};
    }

    /** The recordable names of the channels' currents. */
    static String[] currentNames() {
        return new String[] {"I_syn_ex", "I_syn_in", "I_syn_in_slow"};
    }

    /** Checks that the time constants are positive and finite. */
    static void requireTaus(String model, double tauSynExMs, double tauSynInMs, double tauSynInSlowMs) {
        ParameterMap.require(tauSynExMs > 0 && Double.isFinite(tauSynExMs), model, "tau_syn_ex", "positive (ms)",
                tauSynExMs);
        ParameterMap.require(tauSynInMs > 0 && Double.isFinite(tauSynInMs), model, "tau_syn_in", "positive (ms)",
                tauSynInMs);
        ParameterMap.require(tauSynInSlowMs > 0 && Double.isFinite(tauSynInSlowMs), model, "tau_syn_in_slow",
                "positive (ms)", tauSynInSlowMs);
    }
}
