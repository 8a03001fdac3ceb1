package doka.observation.operator;

import java.util.List;

import doka.observation.ObservedQuantity;

/**
 * Which observed quantity (area, or area/layer-class) each model neuron belongs to, and whether it
 * is excitatory. The launcher fills it from the engine's populations.
 *
 * @param groups        the observed quantities, in output-column order
 * @param groupOfNeuron for each neuron, its index in {@code groups}, or -1 when it is not observed
 * @param excitatory    for each neuron, true for excitatory (pyramidal) cells
 */
public record NeuronGroups(List<ObservedQuantity> groups, int[] groupOfNeuron, boolean[] excitatory) {
    public NeuronGroups {
        groups = List.copyOf(groups);
        groupOfNeuron = groupOfNeuron.clone();
        excitatory = excitatory.clone();
        if (groupOfNeuron.length != excitatory.length) {
            throw new IllegalArgumentException(groupOfNeuron.length + " group entries but " + excitatory.length + " E/I flags");
        }
        for (int i = 0; i < groupOfNeuron.length; i++) {
            if (groupOfNeuron[i] < -1 || groupOfNeuron[i] >= groups.size()) {
                throw new IllegalArgumentException("neuron " + i + " has group " + groupOfNeuron[i] + "; expected -1 or 0.."
                        + (groups.size() - 1));
            }
        }
    }

    public int neuronCount() {
        return groupOfNeuron.length;
    }

    public int groupCount() {
        return groups.size();
    }

    /**
     * Slot of each neuron under {@code selection} (its group, or -1 when not counted) and, in
     * {@code cellsPerGroup}, how many neurons each group then has. Fails if a group has none.
     */
    int[] slots(CellSelection selection, int[] cellsPerGroup) {
        int[] slot = new int[groupOfNeuron.length];
        for (int i = 0; i < slot.length; i++) {
            boolean counted = groupOfNeuron[i] >= 0 && (selection == CellSelection.ALL || excitatory[i]);
            slot[i] = counted ? groupOfNeuron[i] : -1;
            if (counted) {
                cellsPerGroup[slot[i]]++;
            }
        }
        for (int g = 0; g < cellsPerGroup.length; g++) {
            if (cellsPerGroup[g] == 0) {
                throw new IllegalArgumentException("group " + groups.get(g) + " has no "
                        + (selection == CellSelection.ALL ? "" : "excitatory ") + "neurons to observe");
            }
        }
        return slot;
    }
}
