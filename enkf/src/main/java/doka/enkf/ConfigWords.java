package doka.enkf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The words that name enum constants in configuration files and on the command line: the constant's name in
 * lower case (ETKF is "etkf"). One spelling and one error text for every choice, so a bad value names its
 * field and what is allowed wherever it was written.
 */
public final class ConfigWords {
    private ConfigWords() {
    }

    /** The word of {@code value}. */
    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The words of all constants of {@code type}, in declaration order. */
    public static <E extends Enum<E>> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigWords::of).toList();
    }

    /**
     * The constant whose word is exactly {@code text}.
     *
     * @param field where the value was written (e.g. {@code filter.kind}), for the message
     * @throws IllegalArgumentException "field 'F' is 'V'; expected one of [...]"
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("field '" + field + "' is " + (text == null ? "null" : "'" + text + "'")
                + "; expected one of " + all(type));
    }
}
