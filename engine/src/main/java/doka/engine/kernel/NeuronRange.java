package doka.engine.kernel;

/** A population's place in the network: global indices [offset, offset + size). */
public record NeuronRange(String name, int index, int offset, int size) {
    public NeuronRange {
        if (size < 0 || offset < 0) {
            throw new IllegalArgumentException(name + ": offset and size must be >= 0");
        }
    }

    /** Global index of population-local neuron {@code i}. */
    public int neuron(int i) {
        return offset + i;
    }

    public int end() {
        return offset + size;
    }
}
