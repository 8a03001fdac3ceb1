package doka.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in a real headless browser (Debian's {@code chromium}; skipped, saying so, where it is absent):
 * every image loads, and nothing makes the page wider than its window. A copy of the report with a checking script
 * appended is loaded with {@code --dump-dom}; the script writes what it found into the DOM. A report with one figure
 * deleted must be caught, so that the check can fail.
 */
class TestReportInBrowser {
    private static final String CHECK = "<script>window.addEventListener('load',function(){"
            + "var imgs=[].slice.call(document.images);"
            + "var broken=imgs.filter(function(i){return !i.complete||i.naturalWidth===0;})"
            + ".map(function(i){return i.getAttribute('src');});"
            + "var out=document.createElement('pre');out.id='doka-check';"
            + "out.textContent='images='+imgs.length+';broken='+broken.join('|')+';wide='"
            + "+(document.documentElement.scrollWidth>window.innerWidth)+';';"
            + "document.body.appendChild(out);});</script>";

    private static Optional<String> chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }

    /** Loads the report of {@code run} with the check appended; returns the check's line. */
    private static String check(String chromium, Path run, Path profile) throws IOException, InterruptedException {
        String html = Files.readString(run.resolve("report.html"));
        Path page = run.resolve("browser-check.html");
        Files.writeString(page, html.replace("</body>", CHECK + "</body>"));
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1200,900", "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        Matcher m = Pattern.compile("<pre id=\"doka-check\">([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the check did not run; chromium gave: " + dom.substring(0, Math.min(500, dom.length())));
        return m.group(1);
    }

    @Test
    void everyImageLoadsAndNothingIsWiderThanThePage(@TempDir Path dir) throws IOException, InterruptedException {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is absent: the report's browser test is skipped"
                + " ('apt-get install chromium', or './doka test' where it may install)");
        Path run = Files.createDirectory(dir.resolve("run"));
        ReportWriter.write(ReportFixture.write(run, 12, 28, true));
        int figures = ReportWriter.figures(run).size();
        String result = check(chromium.get(), run, Files.createDirectory(dir.resolve("profile")));
        assertEquals("images=" + figures + ";broken=;wide=false;", result);

        Files.delete(run.resolve("fig-rank-histogram.png"));
        String broken = check(chromium.get(), run, Files.createDirectory(dir.resolve("profile2")));
        assertEquals("images=" + figures + ";broken=fig-rank-histogram.png;wide=false;", broken,
                "a missing figure must be caught");
    }
}
