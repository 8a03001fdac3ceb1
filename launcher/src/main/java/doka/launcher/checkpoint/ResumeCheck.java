package doka.launcher.checkpoint;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import doka.launcher.config.ConfigException;

/**
 * Whether a run directory's configuration may continue from a checkpoint: the essential
 * configuration hash must be the checkpoint's; the fields {@link ConfigFingerprint#SAFE_FIELDS}
 * may differ only when the user allows it; a different number of ranks per member or of members
 * is refused with its own message.
 */
public final class ResumeCheck {
    private ResumeCheck() {
    }

    /**
     * @param checkpoint   the checkpoint (verified)
     * @param manifest     its manifest
     * @param configJson   the run directory's {@code config.json} (perhaps edited since)
     * @param allowChanges whether the documented-safe changes are accepted
     * @return the accepted changes (empty when the configuration is the checkpoint's)
     * @throws ConfigException naming the file, the changed fields and what to do
     */
    public static List<ConfigFingerprint.Change> check(Path checkpoint, Manifest manifest, Path configJson,
            boolean allowChanges) {
        Path saved = checkpoint.resolve(CheckpointStore.CONFIG_FILE);
        JsonNode before = ConfigFingerprint.tree(saved);
        JsonNode now = ConfigFingerprint.tree(configJson);
        int ranksNow = now.get("ranksPerMember").asInt();
        if (ranksNow != manifest.ranksPerMember()) {
            throw new ConfigException(configJson + ": ranksPerMember is " + ranksNow + " but checkpoint "
                    + checkpoint.getFileName() + " was written with " + manifest.ranksPerMember() + ": a member's"
                    + " checkpoint holds one part per rank, each the state of that rank's tile, and cannot be"
                    + " split over another number of ranks; set ranksPerMember back to " + manifest.ranksPerMember());
        }
        int membersNow = now.get("members").asInt();
        if (membersNow != manifest.members()) {
            throw new ConfigException(configJson + ": members is " + membersNow + " but checkpoint "
                    + checkpoint.getFileName() + " holds " + manifest.members() + " members; set it back to "
                    + manifest.members() + " (a different ensemble is a new run)");
        }
        ConfigFingerprint fingerprint = ConfigFingerprint.of(now);
        List<ConfigFingerprint.Change> changes = ConfigFingerprint.changes(before, now);
        List<ConfigFingerprint.Change> unsafe = changes.stream().filter(c -> !c.safe()).toList();
        if (!fingerprint.essential().equals(manifest.configEssentialSha256()) || !unsafe.isEmpty()) {
            throw new ConfigException(configJson + " changed since checkpoint " + checkpoint.getFileName()
                    + " in fields that change what the run computes: "
                    + (unsafe.isEmpty() ? "(configuration hash " + fingerprint.essential() + ", the checkpoint's "
                            + manifest.configEssentialSha256() + ")" : join(unsafe))
                    + ". Set them back (the checkpoint's configuration is " + saved + "); only "
                    + ConfigFingerprint.SAFE_FIELDS + " may change, with --allow-config-change");
        }
        if (!changes.isEmpty() && !allowChanges) {
            throw new ConfigException(configJson + " changed since checkpoint " + checkpoint.getFileName() + ": "
                    + join(changes) + ". These changes are safe: resume with --allow-config-change to accept them");
        }
        int count = now.get("windows").get("count").asInt();
        if (count < manifest.windowsDone()) {
            throw new ConfigException(configJson + ": windows.count is " + count + " but checkpoint "
                    + checkpoint.getFileName() + " is after window " + manifest.windowsDone()
                    + "; expected at least " + manifest.windowsDone());
        }
        return changes;
    }

    private static String join(List<ConfigFingerprint.Change> changes) {
        return String.join(", ", changes.stream().map(ConfigFingerprint.Change::toString).toList());
    }
}
