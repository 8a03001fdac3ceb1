package doka.engine.regions;

import java.util.LinkedHashMap;
import java.util.Map;

/** The region classes by the keys model files use ("PURKINJE"). */
final class RegionClasses {
    static final Map<String, RegionClass> BY_KEY = byKey();

    private RegionClasses() {
    }

    private static Map<String, RegionClass> byKey() {
        Map<String, RegionClass> m = new LinkedHashMap<>();
        m.put("TC", RegionClass.TC);
        m.put("PONTINE", RegionClass.PONTINE);
        m.put("GRANULE", RegionClass.GRANULE);
        m.put("GOLGI", RegionClass.GOLGI);
        m.put("PURKINJE", RegionClass.PURKINJE);
        m.put("MLI", RegionClass.MLI);
        m.put("NUCLEI", RegionClass.NUCLEI);
        m.put("D1", RegionClass.D1);
        m.put("D2", RegionClass.D2);
        m.put("STRIATAL_FS", RegionClass.STRIATAL_FS);
        m.put("GPE", RegionClass.GPE);
        m.put("GPI_SNR", RegionClass.GPI_SNR);
        return java.util.Collections.unmodifiableMap(m);
    }

    static RegionClass byKey(String key, String where) {
        RegionClass c = BY_KEY.get(key);
        if (c == null) {
            throw new IllegalArgumentException(where + ": unknown class, expected one of " + BY_KEY.keySet());
        }
        return c;
    }

    static String key(RegionClass c) {
        for (Map.Entry<String, RegionClass> e : BY_KEY.entrySet()) {
            if (e.getValue() == c) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("not a region class: " + c);
    }
}
