package doka.enkf;

/**
 * Domain localization for the LETKF: each domain's analysis uses the observations within 2·radius, their
 * inverse error variances multiplied by the Gaspari–Cohn taper of their distance (Hunt et al. 2007 §2.3;
 * Sakov & Bertino 2011). {@code radius} is the Gaspari–Cohn half-width c, in the unit of the
 * {@link LocalDomains} distances; {@code Double.POSITIVE_INFINITY} turns localization off.
 */
public record Localization(double radius, LocalDomains domains, LocalExecutor executor) {
    public Localization {
        if (!(radius > 0)) {
            throw new IllegalArgumentException("localization radius must be > 0 (or infinite), got " + radius);
        }
        java.util.Objects.requireNonNull(domains, "localization needs the model's local domains");
        java.util.Objects.requireNonNull(executor, "executor");
    }

    public Localization(double radius, LocalDomains domains) {
        this(radius, domains, LocalExecutor.SEQUENTIAL);
    }
}
