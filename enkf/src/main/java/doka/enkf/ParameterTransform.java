package doka.enkf;

/**
 * Maps a bounded physical parameter to the unbounded space in which the filter works (the analysis is
 * Gaussian there, and its result maps back inside the bounds).
 */
public sealed interface ParameterTransform {
    /** Physical value → filter (unbounded) value. */
    double toFilter(double physical);

    /** Filter value → physical value. */
    double toPhysical(double filter);

    /** Unbounded parameters: no transform. */
    record Identity() implements ParameterTransform {
        @Override
        public double toFilter(double physical) {
            return physical;
        }

        @Override
        public double toPhysical(double filter) {
            return filter;
        }
    }

    /** Positive parameters: θ ↦ ln θ. */
    record Log() implements ParameterTransform {
        @Override
        public double toFilter(double physical) {
            if (!(physical > 0) || Double.isInfinite(physical)) {
                throw new IllegalArgumentException("log-transformed parameter must be finite and > 0, got " + physical);
            }
            return Math.log(physical);
        }

        @Override
        public double toPhysical(double filter) {
            return Math.exp(filter);
        }
    }

    /** Parameters in the open interval (lower, upper): θ ↦ logit((θ − lower)/(upper − lower)). */
    record Logit(double lower, double upper) implements ParameterTransform {
        public Logit {
            if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
                throw new IllegalArgumentException("logit bounds must be finite with lower < upper, got [" + lower + ", "
                        + upper + "]");
            }
        }

        @Override
        public double toFilter(double physical) {
            if (!(physical > lower && physical < upper)) {
                throw new IllegalArgumentException("logit-transformed parameter must lie in (" + lower + ", " + upper
                        + "), got " + physical);
            }
            double u = (physical - lower) / (upper - lower);
            return Math.log(u / (1 - u));
        }

        @Override
        public double toPhysical(double filter) {
            // Written so that large |filter| saturates at the bounds instead of overflowing to NaN.
            double u = filter >= 0 ? 1 / (1 + Math.exp(-filter)) : Math.exp(filter) / (1 + Math.exp(filter));
            return lower + (upper - lower) * u;
        }
    }

    /** Parses "identity", "log" or "logit:LOWER:UPPER". */
    static ParameterTransform parse(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("identity") || s.equals("none")) {
            return new Identity();
        }
        if (s.equals("log")) {
            return new Log();
        }
        if (s.startsWith("logit:")) {
            String[] parts = s.split(":");
            if (parts.length == 3) {
                try {
                    return new Logit(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
        }
        throw new IllegalArgumentException("unknown parameter transform '" + spec
                + "', expected identity, log or logit:LOWER:UPPER");
    }
}
