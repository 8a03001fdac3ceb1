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

    /** The transforms a configuration names: none, log or logit (between the parameter's bounds). */
    enum Kind {
        NONE,
        LOG,
        LOGIT;

        /** The kind a configuration word names; null is none (the configuration's default). */
        public static Kind parse(String field, String word) {
            return word == null ? NONE : ConfigWords.parse(Kind.class, field, word);
        }

        /** The transform of this kind; {@code lower} and {@code upper} are read by logit only. */
        public ParameterTransform create(Double lower, Double upper) {
            return switch (this) {
                case NONE -> new Identity();
                case LOG -> new Log();
                case LOGIT -> new Logit(lower, upper);
            };
        }
    }

    /** Parses "identity" (or "none"), "log" or "logit:LOWER:UPPER", in any case. */
    static ParameterTransform parse(String spec) {
        String[] parts = spec.trim().toLowerCase(java.util.Locale.ROOT).split(":");
        Kind kind = null;
        try {
            kind = Kind.parse("transform", parts[0].equals("identity") ? "none" : parts[0]);
        } catch (IllegalArgumentException e) {
            // the message below names every accepted form
        }
        if (kind != null && parts.length == (kind == Kind.LOGIT ? 3 : 1)) {
            try {
                return kind == Kind.LOGIT ? kind.create(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]))
                        : kind.create(null, null);
            } catch (NumberFormatException e) {
                // as above
            }
        }
        throw new IllegalArgumentException("unknown parameter transform '" + spec
                + "', expected identity, log or logit:LOWER:UPPER");
    }
}
