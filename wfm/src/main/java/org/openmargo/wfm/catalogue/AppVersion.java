package org.openmargo.wfm.catalogue;

/**
 * One imported version of an application description: the description's top-level {@code id} and its
 * {@code metadata.version}. Once imported, the pair names immutable bytes (issue 13, Margo rc.3 digest f.2).
 *
 * @param appId   the description's {@code id}, {@code ^[a-z0-9-]{1,200}$}
 * @param version the description's {@code metadata.version}, non-blank
 */
public record AppVersion(String appId, String version) {
    public AppVersion {
        if (appId == null || appId.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("an application version needs an id and a version");
        }
    }

    @Override
    public String toString() {
        return appId + "@" + version;
    }
}
