package doka.engine.atlas;

/**
 * One cortical area in one hemisphere.
 *
 * @param index position in {@link Atlas#areas()}
 * @param acronym Allen acronym ("MOp"), the same in both hemispheres
 * @param hemisphere side
 * @param structureId Allen structure id, or −1 in a synthetic atlas
 */
public record Area(int index, String acronym, Hemisphere hemisphere, int structureId) {
    /** Acronym with hemisphere tag, unique in an atlas ("MOp-L"). */
    public String name() {
        return acronym + "-" + hemisphere.tag();
    }
}
