package doka.observation.error;

/** Shared argument checks of the error models. */
final class ErrorModels {
    private ErrorModels() {
    }

    static void requirePositiveFinite(double x, String what) {
        if (!(x > 0 && Double.isFinite(x))) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + x);
        }
    }
}
