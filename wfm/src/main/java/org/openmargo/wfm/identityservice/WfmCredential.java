package org.openmargo.wfm.identityservice;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

import org.openmargo.wfm.identity.SvidKeyManager;

/**
 * The WFM's own X509-SVID {@code spiffe://<td>/margo/wfm/<wfm-id>} from the built-in CA: an ECDSA P-256 key generated
 * in memory (never written), the SVID presented by the device API through a {@link SvidKeyManager}, renewed with a
 * fresh key after two thirds of its lifetime and re-issued at once when a new anchor becomes active. Thread safe.
 */
final class WfmCredential {
    private final BuiltInIdentityService service;
    private final Clock clock;
    private final SvidKeyManager keys;
    private volatile Renewal.Validity validity;

    private WfmCredential(BuiltInIdentityService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        KeyPair pair = newKey();
        IssuedSvid svid = service.issueWfm(pair.getPublic());
        this.validity = new Renewal.Validity(clock.instant(), svid.notAfter());
        this.keys = SvidKeyManager.of(svid.chain(), pair.getPrivate());
    }

    static WfmCredential issue(BuiltInIdentityService service, Clock clock) {
        return new WfmCredential(service, clock);
    }

    /** What the device API listener presents. */
    SvidKeyManager keys() {
        return keys;
    }

    /** Issues a fresh SVID with a fresh key and presents it from the next handshake on. */
    synchronized Renewal.Validity renewNow() {
        KeyPair pair = newKey();
        IssuedSvid svid = service.issueWfm(pair.getPublic());
        keys.swap(svid.chain(), pair.getPrivate());
        validity = new Renewal.Validity(clock.instant(), svid.notAfter());
        return validity;
    }

    /** Starts automatic renewal on {@code executor}. */
    void startRenewal(ScheduledExecutorService executor, RenewalCounts counts) {
        new Renewal("the WFM's SVID", this::renewNow, executor, clock, counts).start(validity);
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate EC P-256 keys", e);
        }
    }
}
