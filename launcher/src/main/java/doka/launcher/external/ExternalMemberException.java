package doka.launcher.external;

/** An external member's process failed: the message names the member, the request and what happened. */
public final class ExternalMemberException extends RuntimeException {
    public ExternalMemberException(String message) {
        super(message);
    }

    public ExternalMemberException(String message, Throwable cause) {
        super(message, cause);
    }
}
