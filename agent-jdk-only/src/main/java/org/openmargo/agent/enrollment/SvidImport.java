package org.openmargo.agent.enrollment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.identity.SvidCheck;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.trust.TrustBundle;

/**
 * The air-gapped flow's second half ({@code agent import-svid}): installs a chain the operator signed for the
 * device's key. The chain must belong to the pending key of {@code agent csr} (tried first) or to the installed key,
 * carry a WFM client SPIFFE ID, be valid now and chain to the given trust bundle. A chain for the pending key is
 * installed with it by the crash-safe swap; a chain for the installed key replaces only the chain file.
 */
public final class SvidImport {
    private static final long MAX_BYTES = 1 << 20;

    private SvidImport() {
    }

    /**
     * Checks and installs {@code chainFile}.
     *
     * @return the installed SVID
     * @throws EnrollmentException with a one-line reason; then nothing was written
     */
    public static Svid install(IdentityFiles files, Path chainFile, TrustBundle bundle, Instant now)
            throws EnrollmentException {
        byte[] chain = read(chainFile);
        List<Path> keys = new ArrayList<>();
        if (Files.exists(files.pendingKey())) {
            keys.add(files.pendingKey());
        }
        if (Files.exists(files.key())) {
            keys.add(files.key());
        }
        if (keys.isEmpty()) {
            throw new EnrollmentException("there is no private key at " + files.key() + " (nor a pending one at "
                    + files.pendingKey() + "): run 'agent csr' first");
        }
        Svid svid = null;
        Path key = null;
        List<String> problems = new ArrayList<>();
        for (Path candidate : keys) {
            try {
                svid = Svid.load(chainFile, candidate);
                key = candidate;
                break;
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (svid == null) {
            throw new EnrollmentException("refused " + chainFile + ": " + String.join("; ", problems));
        }
        try {
            SvidCheck.verify(svid, bundle, Optional.empty(), Optional.empty(), now);
        } catch (IllegalArgumentException e) {
            throw new EnrollmentException("refused " + chainFile + ": " + e.getMessage(), e);
        }
        try {
            if (key.equals(files.pendingKey())) {
                files.installPending(chain);
            } else {
                files.installChain(chain);
            }
        } catch (IOException e) {
            throw new EnrollmentException("cannot install the SVID: " + e.getMessage(), e);
        }
        return svid;
    }

    private static byte[] read(Path file) throws EnrollmentException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new EnrollmentException(file + " is larger than " + MAX_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EnrollmentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
