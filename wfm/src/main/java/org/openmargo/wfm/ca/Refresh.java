package org.openmargo.wfm.ca;

/**
 * What {@link CertificateAuthority#refresh()} found when it compared its anchors with the database's.
 */
public sealed interface Refresh {

    /** The database holds the revision this instance has: nothing was loaded, no listener ran. */
    record Unchanged(AnchorStore.Revision revision) implements Refresh {
    }

    /** Another instance rotated: the anchors were replaced and the listeners ran with {@code change}. */
    record Followed(CaChange change) implements Refresh {
    }

    /**
     * The database's revision cannot be adopted (a key that does not decrypt with this instance's passphrase, an
     * unreadable certificate, a sequence lower than the one in use); the last good anchors stay in use. The same
     * revision is not tried again: the next attempt is made when the database's revision changes.
     *
     * @param held   the revision still in use
     * @param stored the revision refused
     * @param reason why, for operators
     */
    record Refused(AnchorStore.Revision held, AnchorStore.Revision stored, String reason) implements Refresh {
    }
}
