package doka.engine.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offsets of {@link MjLayout} against offsetof over the installed MuJoCo headers (compiled with the C compiler). */
class TestMjLayout {
    @TempDir
    Path dir;

    @Test
    void offsetsMatchTheHeaders() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/include/mujoco/mujoco.h")),
                "libmujoco-dev's headers are not installed, test skipped");
        Map<String, String> fields = new HashMap<>();
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <mujoco/mujoco.h>\nint main(void){\n");
        for (Field f : MjLayout.class.getDeclaredFields()) {
            String name = f.getName();
            String struct = name.startsWith("M_") ? "mjModel" : "mjData";
            String member = name.substring(2).toLowerCase().replaceFirst("^opt_", "opt.");
            fields.put(name, struct + "." + member);
            c.append("printf(\"").append(name).append(" %zu\\n\", offsetof(").append(struct).append(", ").append(member)
                    .append("));\n");
        }
        c.append("return 0;}\n");
        Path src = dir.resolve("offsets.c");
        Files.writeString(src, c);
        Path exe = dir.resolve("offsets");
        String out;
        try {
            out = run("cc", src.toString(), "-o", exe.toString());
        } catch (IOException e) {
            Assumptions.abort("no C compiler (cc) to read the headers' offsets, test skipped: " + e.getMessage());
            return;
        }
        assertEquals("", out.trim(), "the C compiler's output");
        for (String line : run(exe.toString()).split("\n")) {
            String[] kv = line.trim().split(" ");
            Field f = MjLayout.class.getDeclaredField(kv[0]);
            f.setAccessible(true);
            assertEquals(Long.parseLong(kv[1]), f.getLong(null), fields.get(kv[0]));
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
