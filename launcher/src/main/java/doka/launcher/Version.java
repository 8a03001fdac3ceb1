package doka.launcher;

import picocli.CommandLine.IVersionProvider;

/** Version of the running build, from the jar manifest when there is one. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"doka " + (v == null ? "0.1.0-SNAPSHOT (classes)" : v),
            "Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores"};
    }
}
