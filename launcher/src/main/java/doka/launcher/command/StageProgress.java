package doka.launcher.command;

import java.util.Locale;

import doka.launcher.cycle.Progress;

/**
 * Progress of a command made of a few long stages (issue 20: every command longer than a few seconds shows
 * progress): once a stage has lasted {@value #FIRST_S} s, its line goes to standard error, and again every
 * {@value #EVERY_S} s while it lasts; nothing when quiet, or when every stage is quick.
 */
final class StageProgress implements AutoCloseable {
    static final int FIRST_S = 3;
    static final int EVERY_S = 10;

    private final String command;
    private final Progress out;
    private final Thread watcher;
    private String stage;
    private long stageStartNanos;
    private long nextLineNanos;

    StageProgress(String command, boolean quiet) {
        this.command = command;
        this.out = Progress.onStandardError(quiet);
        watcher = new Thread(this::watch, command + " progress");
        watcher.setDaemon(true);
        if (!quiet) {
            watcher.start();
        }
    }

    /** A new stage begins. */
    synchronized void stage(String text) {
        stage = text;
        stageStartNanos = System.nanoTime();
        nextLineNanos = stageStartNanos + FIRST_S * 1_000_000_000L;
    }

    /** No stage runs any more. */
    synchronized void done() {
        stage = null;
    }

    private void watch() {
        try {
            while (true) {
                Thread.sleep(250);
                printIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    private synchronized void printIfDue() {
        long now = System.nanoTime();
        if (stage != null && now >= nextLineNanos) {
            out.line(String.format(Locale.ROOT, "%s: %s (%d s)", command, stage, (now - stageStartNanos) / 1_000_000_000L));
            nextLineNanos = now + EVERY_S * 1_000_000_000L;
        }
    }

    @Override
    public void close() {
        done();
        watcher.interrupt();
        out.close();
    }
}
