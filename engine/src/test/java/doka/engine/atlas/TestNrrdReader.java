package doka.engine.atlas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestNrrdReader {
    @TempDir
    Path dir;

    private Path write(String name, String header, byte[] data, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
            if (gzip) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (GZIPOutputStream g = new GZIPOutputStream(b)) {
                    g.write(data);
                }
                out.write(b.toByteArray());
            } else {
                out.write(data);
            }
        }
        return p;
    }

    private static String header(String type, String encoding, String endian, String sizes) {
        return "NRRD0004\n# written by a test\ntype: " + type + "\ndimension: 3\nsizes: " + sizes
                + "\nspace directions: (100,0,0) (0,100,0) (0,0,50)\nkinds: domain domain domain\n"
                + (endian == null ? "" : "endian: " + endian + "\n") + "encoding: " + encoding + "\nkey:=value\n";
    }

    @Test
    void readsGzipUint32LittleEndianInFileOrder() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            b.putInt(i == 5 ? 614454277 : 1000 + i);
        }
        NrrdVolume v = NrrdReader.read(write("a.nrrd", header("unsigned int", "gzip", "little", "2 3 2"), b.array(), true));
        assertEquals("uint32", v.type());
        assertArrayEquals(new int[] {2, 3, 2}, v.sizes());
        assertArrayEquals(new double[] {100, 100, 50}, v.spacingUm(), 0);
        assertEquals(1000, v.ints()[v.index(0, 0, 0)]);
        assertEquals(614454277, v.ints()[v.index(1, 2, 0)]);
        assertEquals(1011, v.ints()[v.index(1, 2, 1)]);
    }

    @Test
    void readsRawBigEndianShortsAndFloats() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * 8).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 8; i++) {
            b.putShort((short) (i * 1000 - 3000));
        }
        NrrdVolume s = NrrdReader.read(write("s.nrrd", header("short", "raw", "big", "2 2 2"), b.array(), false));
        assertEquals(-3000, s.ints()[0]);
        assertEquals(4000, s.ints()[7]);
        ByteBuffer f = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            f.putFloat(i * 0.5f);
        }
        NrrdVolume r = NrrdReader.read(write("f.nrrd", header("float", "gz", "little", "2 2 2"), f.array(), true));
        assertEquals(3.5, r.reals()[7], 0);
        ByteBuffer u = ByteBuffer.allocate(2 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            u.putShort((short) 65000);
        }
        NrrdVolume us = NrrdReader.read(write("u.nrrd", header("uint16", "raw", "little", "2 2 2"), u.array(), false));
        assertEquals(65000, us.ints()[3]);
    }

    @Test
    void readsUcharWithoutEndianAndAscii() throws IOException {
        NrrdVolume v = NrrdReader.read(write("c.nrrd", header("uchar", "raw", null, "2 1 1"), new byte[] {(byte) 200, 7}, false));
        assertEquals(200, v.ints()[0]);
        NrrdVolume a = NrrdReader.read(write("t.nrrd", header("double", "ascii", null, "2 1 1"),
                "1.5 -2.25\n".getBytes(StandardCharsets.US_ASCII), false));
        assertEquals(-2.25, a.reals()[1], 0);
    }

    @Test
    void clearErrorsNameTheFileAndField() throws IOException {
        byte[] four = new byte[4 * 4];
        IOException e = assertThrows(IOException.class,
                () -> NrrdReader.read(write("short.nrrd", header("uint32", "raw", "little", "2 2 2"), four, false)));
        assertTrue(e.getMessage().contains("short.nrrd") && e.getMessage().contains("data ends after 16 of 32 bytes"), e.getMessage());
        e = assertThrows(IOException.class,
                () -> NrrdReader.read(write("t.nrrd", header("int64", "raw", "little", "2 2 2"), four, false)));
        assertTrue(e.getMessage().contains("'type'"), e.getMessage());
        e = assertThrows(IOException.class,
                () -> NrrdReader.read(write("e.nrrd", header("uint32", "bzip2", "little", "1 1 1"), four, false)));
        assertTrue(e.getMessage().contains("'encoding'"), e.getMessage());
        e = assertThrows(IOException.class,
                () -> NrrdReader.read(write("n.nrrd", header("uint32", "raw", null, "1 1 1"), four, false)));
        assertTrue(e.getMessage().contains("'endian' is missing"), e.getMessage());
        e = assertThrows(IOException.class,
                () -> NrrdReader.read(write("d.nrrd", header("uint32", "raw", "little", "1 2"), four, false)));
        assertTrue(e.getMessage().contains("'sizes' has 2 values, expected 3"), e.getMessage());
        e = assertThrows(IOException.class,
                () -> NrrdReader.read(write("m.nrrd", "P6 not nrrd", four, false)));
        assertTrue(e.getMessage().contains("not an NRRD file"), e.getMessage());
        e = assertThrows(IOException.class, () -> NrrdReader.read(write("x.nrrd",
                "NRRD0004\ntype: uint8\ndimension: 1\nsizes: 1\nencoding: raw\ndata file: x.raw\n", four, false)));
        assertTrue(e.getMessage().contains("detached"), e.getMessage());
    }

    @Test
    void readsTheSharedAllenAnnotation() throws IOException {
        Path p = SharedData.allen("annotation_100_ccf2017_derived_from_bbp25.nrrd");
        NrrdVolume v = NrrdReader.read(p);
        assertArrayEquals(new int[] {132, 80, 114}, v.sizes());
        assertEquals(100.0, v.spacingUm()[0], 0);
        java.util.Set<Integer> labels = new java.util.HashSet<>();
        for (int x : v.ints()) {
            labels.add(x);
        }
        assertEquals(665, labels.size(), "distinct labels, background 0 included");
        assertTrue(labels.contains(0));
        assertTrue(labels.contains(943), "MOp2/3 labelled");
    }
}
