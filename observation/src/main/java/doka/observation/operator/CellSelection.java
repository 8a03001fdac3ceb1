package doka.observation.operator;

/** Which neurons of a group an operator averages over. */
public enum CellSelection {
    /** Excitatory (pyramidal) cells only: what extracellular units and Camk2a-driven imaging mostly see. */
    EXCITATORY,
    /** Every neuron of the group. */
    ALL
}
