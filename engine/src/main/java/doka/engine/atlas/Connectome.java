package doka.engine.atlas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Regional connection strengths between areas of one hemisphere to areas of the same (ipsi) and
 * the other (contra) hemisphere. Row = source, column = target, row-major n × n. Both
 * hemispheres are assumed to project alike (the published matrices are for one injection side).
 *
 * @param source description (file or "synthetic connectome (seed …)")
 * @param acronyms area acronyms, index = row/column
 * @param ipsi ipsilateral strengths
 * @param contra contralateral strengths
 * @param notes what the import could not map, and other caveats
 */
public record Connectome(String source, List<String> acronyms, double[] ipsi, double[] contra, List<String> notes) {
    public Connectome {
        int n = acronyms.size();
        if (ipsi.length != n * n || contra.length != n * n) {
            throw new IllegalArgumentException("connectome " + source + ": matrices must be " + n + " × " + n);
        }
        for (int i = 0; i < n * n; i++) {
            if (!(ipsi[i] >= 0) || !(contra[i] >= 0) || Double.isInfinite(ipsi[i]) || Double.isInfinite(contra[i])) {
                throw new IllegalArgumentException("connectome " + source + ": strength " + acronyms.get(i / n) + " → "
                        + acronyms.get(i % n) + " is negative or not finite");
            }
        }
        acronyms = List.copyOf(acronyms);
        notes = List.copyOf(notes);
    }

    public int size() {
        return acronyms.size();
    }

    /** Row/column of an acronym, or −1. */
    public int indexOf(String acronym) {
        return acronyms.indexOf(acronym);
    }

    /** Strength from source to target (same or opposite hemisphere), 0 when either is absent. */
    public double strength(String sourceAcronym, String targetAcronym, boolean sameHemisphere) {
        int s = indexOf(sourceAcronym), t = indexOf(targetAcronym);
        if (s < 0 || t < 0) {
            return 0;
        }
        return (sameHemisphere ? ipsi : contra)[s * size() + t];
    }

    /**
     * Strength matrix over the areas of an atlas (both hemispheres), row = source area index,
     * column = target area index; the diagonal (within-area) is 0 because local wiring covers it.
     */
    public double[] forAtlas(Atlas atlas) {
        List<Area> areas = atlas.areas();
        int n = areas.size();
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < acronyms.size(); i++) {
            idx.put(acronyms.get(i), i);
        }
        double[] w = new double[n * n];
        for (Area s : areas) {
            for (Area t : areas) {
                Integer si = idx.get(s.acronym()), ti = idx.get(t.acronym());
                if (s.index() == t.index() || si == null || ti == null) {
                    continue;
                }
                w[s.index() * n + t.index()] =
                        (s.hemisphere() == t.hemisphere() ? ipsi : contra)[si * size() + ti];
            }
        }
        return w;
    }

    /** Atlas acronyms absent from this connectome (their long-range strengths are 0). */
    public List<String> missingFor(Atlas atlas) {
        return atlas.areas().stream().map(Area::acronym).distinct().filter(a -> indexOf(a) < 0).toList();
    }
}
