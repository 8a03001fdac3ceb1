package doka.enkf;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs the independent local analyses of the LETKF. Each domain reads shared inputs and writes only its own
 * state components (its random rotation is drawn before the loop), so the result does not depend on the
 * executor or the thread count.
 */
@FunctionalInterface
public interface LocalExecutor {
    void forEach(int count, IntConsumer body);

    /** One domain after the other on the calling thread. */
    LocalExecutor SEQUENTIAL = (count, body) -> {
        for (int i = 0; i < count; i++) {
            body.accept(i);
        }
    };

    /** The domains spread over the common fork-join pool. */
    LocalExecutor PARALLEL = (count, body) -> IntStream.range(0, count).parallel().forEach(body);
}
