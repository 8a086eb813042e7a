package org.openmargo.wfm.ca;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable state of the certificate authority: the anchors with their encrypted keys, the bundle sequence, and the MIS
 * TLS root. Every change is one transaction; rotation steps check the anchors' states inside it, so two WFM instances
 * sharing a database cannot both stage or activate. Implementations are thread safe and throw the store's unchecked
 * exception when the database fails.
 *
 * <p>Instances sharing the database follow each other's rotations by polling the cheap {@link #revision()} and calling
 * {@link #load()} only when it changed; every read sees one committed state, never half a rotation.
 */
public interface AnchorStore {

    /**
     * One anchor as stored.
     *
     * @param id           {@code sha256:<hex>} of the issuing certificate
     * @param state        where it is in its life
     * @param algorithm    {@link AnchorAlgorithm#configName()} or a description of an operator-supplied key
     * @param chain        concatenated DER certificates: the issuing certificate first, the published anchor last
     * @param encryptedKey the issuing key as a PKCS#8 EncryptedPrivateKeyInfo
     * @param notBefore    start of the issuing certificate's validity
     * @param notAfter     end of the issuing certificate's validity
     * @param createdAt    when it was stored
     */
    record StoredAnchor(String id, AnchorState state, String algorithm, byte[] chain, byte[] encryptedKey,
                        Instant notBefore, Instant notAfter, Instant createdAt) {
    }

    /** The anchors in creation order and the bundle sequence; the sequence grows whenever the published set changes. */
    record Snapshot(List<StoredAnchor> anchors, long sequence) {
        public Snapshot {
            anchors = List.copyOf(anchors);
        }

        /** The anchor in {@code state}, if any. */
        public Optional<StoredAnchor> in(AnchorState state) {
            return anchors.stream().filter(a -> a.state() == state).findFirst();
        }

        /** What identifies this state: the sequence and the active anchor. */
        public Revision revision() {
            return new Revision(sequence, in(AnchorState.ACTIVE).map(StoredAnchor::id).orElse(""));
        }
    }

    /**
     * What changes with every rotation step: {@code stage} and {@code finish} increment the sequence, {@code activate}
     * changes the issuing anchor. Two snapshots with equal revisions hold the same anchors in the same states.
     *
     * @param sequence        the bundle sequence
     * @param issuingAnchorId the id of the ACTIVE anchor, empty when there is none
     */
    record Revision(long sequence, String issuingAnchorId) {
    }

    /**
     * A certificate and its encrypted key, for the MIS TLS root.
     *
     * @param certificate  DER
     * @param encryptedKey PKCS#8 EncryptedPrivateKeyInfo
     */
    record StoredKeyPair(byte[] certificate, byte[] encryptedKey) {
    }

    /** The anchors and sequence of one committed state (never half a rotation); empty before {@link #initialise}. */
    Optional<Snapshot> load();

    /** The revision of what {@link #load()} would answer, in one small query; empty before {@link #initialise}. */
    Optional<Revision> revision();

    /**
     * Runs {@code action} once the database transaction running on this thread commits (see
     * {@code AuditStore#appendWith}), never if it rolls back; at once when none is running. For in-memory state
     * that must follow a change only when it is durable.
     */
    default void afterCommit(Runnable action) {
        action.run();
    }

    /** Stores {@code active} with sequence 1 unless anchors exist already; answers what is stored afterwards. */
    Snapshot initialise(StoredAnchor active);

    /**
     * Creates {@code next} (state NEXT) and increments the sequence.
     *
     * @throws RotationConflictException when there is no active anchor, or a next or previous one exists
     */
    Snapshot stage(StoredAnchor next);

    /**
     * Makes NEXT active and ACTIVE previous; the sequence stays (the published set is unchanged).
     *
     * @throws RotationConflictException when no anchor is staged
     */
    Snapshot activate();

    /**
     * Retires the previous anchor and increments the sequence.
     *
     * @throws RotationConflictException when there is no previous anchor or one is staged
     */
    Snapshot finish();

    /** The MIS TLS root; empty before the first start. */
    Optional<StoredKeyPair> misTlsRoot();

    /** Stores the MIS TLS root unless one exists; answers what is stored afterwards. */
    StoredKeyPair initialiseMisTlsRoot(StoredKeyPair root);
}
