package doka.engine.kernel;

/**
 * Called after every step (for membrane traces). Registering one makes the kernel advance one
 * step per slice, which is slower but gives the same spikes.
 */
@FunctionalInterface
public interface StepObserver {
    void afterStep(Network network, long step);
}
