package doka.engine.atlas;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reader for NRRD files with attached data (Teem's "Nearly Raw Raster Data", NRRD0001–0005):
 * encodings raw, gzip and ascii; the signed and unsigned 8/16/32-bit integer types and float and
 * double; little or big endian. Errors name the file, the header line or field and what was
 * expected. Detached data files, bzip2/hex encodings and 64-bit integers are refused with a
 * message saying so.
 */
public final class NrrdReader {
    private NrrdReader() {
    }

    /** Reads a whole volume. */
    public static NrrdVolume read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        }
    }

    /** Reads a whole volume from a stream; {@code source} names it in errors. */
    public static NrrdVolume read(InputStream in, String source) throws IOException {
        String magic = readLine(in);
        if (magic == null || !magic.matches("NRRD000[1-5]")) {
            throw new IOException(source + ": not an NRRD file (first line must be NRRD0001…NRRD0005, found '"
                    + abbreviate(magic) + "')");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int lineNo = 1;
        for (String line = readLine(in); ; line = readLine(in)) {
            lineNo++;
            if (line == null) {
                throw new IOException(source + ": header ends at line " + lineNo + " without the blank line before the data");
            }
            if (line.isEmpty()) {
                break;
            }
            if (line.startsWith("#") || line.contains(":=")) {
                continue; // comments and key/value pairs carry no layout information
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new IOException(source + ": header line " + lineNo + " '" + abbreviate(line)
                        + "' is not 'field: value'");
            }
            fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 2).trim());
        }
        String type = canonicalType(require(fields, "type", source), source);
        int dim = parseInt(require(fields, "dimension", source), "dimension", source);
        if (dim < 1 || dim > 16) {
            throw new IOException(source + ": header field 'dimension' is " + dim + ", expected 1–16");
        }
        String[] sizeTokens = require(fields, "sizes", source).split("\\s+");
        if (sizeTokens.length != dim) {
            throw new IOException(source + ": header field 'sizes' has " + sizeTokens.length + " values, expected "
                    + dim + " (the dimension)");
        }
        int[] sizes = new int[dim];
        long count = 1;
        for (int a = 0; a < dim; a++) {
            sizes[a] = parseInt(sizeTokens[a], "sizes", source);
            if (sizes[a] < 1) {
                throw new IOException(source + ": header field 'sizes' has " + sizes[a] + ", expected positive sizes");
            }
            count *= sizes[a];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": " + count + " samples is more than this reader holds in one array");
        }
        if (fields.containsKey("data file") || fields.containsKey("datafile")) {
            throw new IOException(source + ": detached data ('data file' field) is not supported; attach the data (.nrrd)");
        }
        for (String skip : new String[] {"line skip", "byte skip"}) {
            if (fields.containsKey(skip) && parseInt(fields.get(skip), skip, source) != 0) {
                throw new IOException(source + ": header field '" + skip + "' = " + fields.get(skip) + " is not supported (expected 0)");
            }
        }
        double[] spacing = spacings(fields, dim, source);
        String encoding = require(fields, "encoding", source).toLowerCase(Locale.ROOT);
        int width = byteWidth(type);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (width > 1 && !encoding.equals("ascii") && !encoding.equals("text") && !encoding.equals("txt")) {
            String endian = require(fields, "endian", source).toLowerCase(Locale.ROOT);
            order = switch (endian) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new IOException(source + ": header field 'endian' is '" + endian + "', expected little or big");
            };
        }
        int n = (int) count;
        boolean integer = !type.equals("float") && !type.equals("double");
        int[] ints = integer ? new int[n] : null;
        double[] reals = integer ? null : new double[n];
        switch (encoding) {
            case "raw" -> readBinary(in, type, width, order, ints, reals, source);
            case "gzip", "gz" -> readBinary(new GZIPInputStream(in, 1 << 16), type, width, order, ints, reals, source);
            case "ascii", "text", "txt" -> readAscii(in, type, ints, reals, source);
            default -> throw new IOException(source + ": header field 'encoding' is '" + encoding
                    + "', expected raw, gzip or ascii (bzip2 and hex are not supported)");
        }
        return new NrrdVolume(type, sizes, spacing, ints, reals);
    }

    private static void readBinary(InputStream in, String type, int width, ByteOrder order, int[] ints,
            double[] reals, String source) throws IOException {
        int n = ints != null ? ints.length : reals.length;
        byte[] chunk = new byte[width * 8192];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(order);
        int done = 0;
        while (done < n) {
            int samples = Math.min(8192, n - done);
            int bytes = samples * width;
            int got = in.readNBytes(chunk, 0, bytes);
            if (got < bytes) {
                throw new IOException(source + ": data ends after " + ((long) done * width + got) + " of "
                        + ((long) n * width) + " bytes (sizes × " + width + "-byte " + type + ")");
            }
            buf.clear();
            for (int s = 0; s < samples; s++, done++) {
                switch (type) {
                    case "int8" -> ints[done] = buf.get();
                    case "uint8" -> ints[done] = buf.get() & 0xff;
                    case "int16" -> ints[done] = buf.getShort();
                    case "uint16" -> ints[done] = buf.getShort() & 0xffff;
                    case "int32" -> ints[done] = buf.getInt();
                    case "uint32" -> {
                        int v = buf.getInt();
                        if (v < 0) {
                            throw new IOException(source + ": sample " + done + " = " + Integer.toUnsignedString(v)
                                    + " does not fit a signed 32-bit label");
                        }
                        ints[done] = v;
                    }
                    case "float" -> reals[done] = buf.getFloat();
                    default -> reals[done] = buf.getDouble();
                }
            }
        }
    }

    private static void readAscii(InputStream in, String type, int[] ints, double[] reals, String source)
            throws IOException {
        String[] tokens = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("[\\s,]+");
        int n = ints != null ? ints.length : reals.length;
        if (tokens.length < n || (n > 0 && tokens[0].isEmpty())) {
            throw new IOException(source + ": ascii data has " + (tokens[0].isEmpty() ? 0 : tokens.length)
                    + " values, expected " + n);
        }
        for (int i = 0; i < n; i++) {
            try {
                if (ints != null) {
                    ints[i] = Integer.parseInt(tokens[i]);
                } else {
                    reals[i] = Double.parseDouble(tokens[i]);
                }
            } catch (NumberFormatException e) {
                throw new IOException(source + ": ascii value " + i + " '" + abbreviate(tokens[i]) + "' is not a " + type);
            }
        }
    }

    private static double[] spacings(Map<String, String> fields, int dim, String source) throws IOException {
        double[] spacing = new double[dim];
        java.util.Arrays.fill(spacing, Double.NaN);
        if (fields.containsKey("space directions")) {
            String[] vectors = fields.get("space directions").trim().split("\\s+(?=\\(|none)");
            if (vectors.length != dim) {
                throw new IOException(source + ": header field 'space directions' has " + vectors.length
                        + " entries, expected " + dim);
            }
            for (int a = 0; a < dim; a++) {
                String v = vectors[a].trim();
                if (v.equals("none")) {
                    continue;
                }
                if (!v.startsWith("(") || !v.endsWith(")")) {
                    throw new IOException(source + ": header field 'space directions' entry '" + v + "' is not (x,y,z) or none");
                }
                double sq = 0;
                for (String c : v.substring(1, v.length() - 1).split(",")) {
                    double x = parseDouble(c.trim(), "space directions", source);
                    sq += x * x;
                }
                spacing[a] = Math.sqrt(sq);
            }
        } else if (fields.containsKey("spacings")) {
            String[] t = fields.get("spacings").split("\\s+");
            if (t.length != dim) {
                throw new IOException(source + ": header field 'spacings' has " + t.length + " values, expected " + dim);
            }
            for (int a = 0; a < dim; a++) {
                spacing[a] = t[a].equalsIgnoreCase("nan") ? Double.NaN : parseDouble(t[a], "spacings", source);
            }
        }
        return spacing;
    }

    /** Maps the NRRD type spellings to int8…uint32, float, double. */
    static String canonicalType(String t, String source) throws IOException {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "signed char", "int8", "int8_t" -> "int8";
            case "uchar", "unsigned char", "uint8", "uint8_t" -> "uint8";
            case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> "int16";
            case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> "uint16";
            case "int", "signed int", "int32", "int32_t" -> "int32";
            case "uint", "unsigned int", "uint32", "uint32_t" -> "uint32";
            case "float" -> "float";
            case "double" -> "double";
            default -> throw new IOException(source + ": header field 'type' is '" + t
                    + "', expected an 8/16/32-bit integer type, float or double (64-bit integers are not supported)");
        };
    }

    private static int byteWidth(String type) {
        return switch (type) {
            case "int8", "uint8" -> 1;
            case "int16", "uint16" -> 2;
            case "int32", "uint32", "float" -> 4;
            default -> 8;
        };
    }

    private static String require(Map<String, String> fields, String name, String source) throws IOException {
        String v = fields.get(name);
        if (v == null) {
            throw new IOException(source + ": header field '" + name + "' is missing");
        }
        return v;
    }

    private static int parseInt(String s, String field, String source) throws IOException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IOException(source + ": header field '" + field + "' value '" + abbreviate(s) + "' is not an integer");
        }
    }

    private static double parseDouble(String s, String field, String source) throws IOException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": header field '" + field + "' value '" + abbreviate(s) + "' is not a number");
        }
    }

    /** One header line without its terminator (\n or \r\n); null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() > 1 << 20) {
                throw new EOFException("header line longer than 1 MiB (not an NRRD header)");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
