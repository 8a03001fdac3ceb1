package doka.engine.body;

/** MuJoCo is missing or refused a model (its own message, naming the file). */
public final class MuJoCoException extends IllegalStateException {
    public MuJoCoException(String message) {
        super(message);
    }
}
