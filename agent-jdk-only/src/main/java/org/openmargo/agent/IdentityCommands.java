package org.openmargo.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.AgentConfigLoader;
import org.openmargo.agent.config.ConfigException;
import org.openmargo.agent.csr.CertificationRequest;
import org.openmargo.agent.csr.DeviceKey;
import org.openmargo.agent.enrollment.Enrollment;
import org.openmargo.agent.enrollment.EnrollmentException;
import org.openmargo.agent.enrollment.SvidImport;
import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.state.AtomicFile;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.trust.TrustBundle;
import org.openmargo.agent.trust.TrustStore;

/**
 * The commands that create the agent's identity: {@code enroll}, {@code csr} and {@code import-svid}
 * ({@code docs/identity-service.md}, "Agent commands"). Each returns the exit code: 0 done, 1 refused or failed
 * (reason on stderr, one line), 2 bad arguments or configuration.
 */
final class IdentityCommands {
    /** The environment variable {@code agent enroll} reads the token from when no option names one. */
    static final String TOKEN_VARIABLE = "MARGO_AGENT_ENROLL_TOKEN";

    private final Path config;
    private final Map<String, String> env;
    private final Map<String, String> configEnv;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    IdentityCommands(Path config, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.config = config;
        this.env = env;
        // The token variable is this command's input, not a configuration key (the loader refuses unknown ones).
        this.configEnv = new java.util.HashMap<>(env);
        this.configEnv.remove(TOKEN_VARIABLE);
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int enroll(Optional<String> token, Optional<Path> tokenFile, boolean force) {
        AgentConfig c;
        try {
            c = AgentConfigLoader.loadForEnrollment(config, configEnv);
        } catch (ConfigException e) {
            return fail(2, e.getMessage());
        }
        if (!(c.trust() instanceof AgentConfig.Trust.Discovery discovery)) {
            return fail(2, "agent enroll: " + config + " needs trust.discovery-url (and trust.pins) instead of "
                    + "trust.bundle");
        }
        Optional<String> secret;
        try {
            secret = token(token, tokenFile);
        } catch (IOException e) {
            return fail(2, "agent enroll: cannot read the token file: " + e.getMessage());
        }
        if (secret.isEmpty()) {
            return fail(2, "agent enroll: give the enrollment token with --token T, --token-file F or $"
                    + TOKEN_VARIABLE);
        }
        IdentityFiles files = files(c);
        Optional<Svid> installed = current(files);
        if (installed.isPresent() && !force) {
            return fail(1, "agent enroll: " + installed.get().spiffeId() + " is already installed and valid until "
                    + installed.get().notAfter() + " (" + files.chain() + "); use --force to replace it");
        }
        try {
            Svid svid = Enrollment.create(new Enrollment.Settings(discovery.url(), discovery.pins(), files,
                    c.stateDir(), commonName(c)), clock, new SecureRandom()).enroll(secret.get());
            out.println("enrolled as " + svid.spiffeId() + ", valid until " + svid.notAfter());
            out.println("certificate " + files.chain() + ", private key " + files.key() + ", trust bundle in "
                    + c.stateDir());
            return 0;
        } catch (EnrollmentException e) {
            return fail(1, "agent enroll: " + e.getMessage());
        }
    }

    int csr(Optional<Path> output, boolean newKey) {
        AgentConfig c;
        try {
            c = AgentConfigLoader.loadForEnrollment(config, configEnv);
        } catch (ConfigException e) {
            return fail(2, e.getMessage());
        }
        IdentityFiles files = files(c);
        for (Path existing : new Path[] {files.key(), files.pendingKey()}) {
            if (Files.exists(existing) && !newKey) {
                return fail(1, "agent csr: a private key already exists at " + existing
                        + "; use --new-key to make a new one (the installed SVID stays in use until import-svid)");
            }
        }
        KeyPair keys = DeviceKey.generate(new SecureRandom());
        CertificationRequest csr = CertificationRequest.create(keys, commonName(c), Optional.empty());
        try {
            files.writePendingKey(DeviceKey.pkcs8Pem(keys.getPrivate()));
            if (output.isPresent()) {
                AtomicFile.open(output.get()).write(csr.pem().getBytes(StandardCharsets.US_ASCII),
                        PosixFilePermissions.fromString("rw-r--r--"));
                out.println("wrote the certificate request to " + output.get());
            } else {
                out.print(csr.pem());
            }
        } catch (IOException e) {
            return fail(1, "agent csr: " + e.getMessage());
        }
        err.println("new key in " + files.pendingKey() + "; have the CSR signed (wfm admin sign-csr), then run "
                + "agent import-svid --in <signed chain>");
        return 0;
    }

    int importSvid(Optional<Path> input, Optional<Path> bundleFile) {
        if (input.isEmpty()) {
            return fail(2, "agent import-svid: --in FILE (the signed certificate chain) is required");
        }
        AgentConfig c;
        try {
            c = AgentConfigLoader.loadForEnrollment(config, configEnv);
        } catch (ConfigException e) {
            return fail(2, e.getMessage());
        }
        Optional<Path> source = bundleFile
                .or(() -> c.trust() instanceof AgentConfig.Trust.Bundle b ? Optional.of(b.file()) : Optional.empty())
                .or(() -> Optional.of(c.stateDir().resolve("trust-bundle.json")).filter(Files::exists));
        if (source.isEmpty()) {
            return fail(2, "agent import-svid: no trust bundle to check the chain against; give --bundle FILE");
        }
        TrustBundle bundle;
        try {
            bundle = TrustBundle.parse(Files.readAllBytes(source.get()));
        } catch (IOException | IllegalArgumentException e) {
            return fail(1, "agent import-svid: cannot use the trust bundle " + source.get() + ": " + e.getMessage());
        }
        try {
            Svid svid = SvidImport.install(files(c), input.get(), bundle, clock.instant());
            if (bundleFile.isPresent()) {
                // The operator delivered this bundle out of band with the SVID (spec b.1 bootstrap): it becomes the
                // last good bundle, so the agent can authenticate the WFM before its first refresh.
                TrustStore.seed(c.stateDir(), bundle);
            }
            out.println("installed " + svid.spiffeId() + ", valid until " + svid.notAfter());
            return 0;
        } catch (IOException e) {
            return fail(1, "agent import-svid: cannot keep the trust bundle in " + c.stateDir() + ": "
                    + e.getMessage());
        } catch (EnrollmentException e) {
            return fail(1, "agent import-svid: " + e.getMessage());
        }
    }

    private Optional<String> token(Optional<String> token, Optional<Path> tokenFile) throws IOException {
        if (token.isPresent()) {
            return token.map(String::strip).filter(t -> !t.isEmpty());
        }
        if (tokenFile.isPresent()) {
            return Optional.of(Files.readString(tokenFile.get(), StandardCharsets.UTF_8).strip())
                    .filter(t -> !t.isEmpty());
        }
        return Optional.ofNullable(env.get(TOKEN_VARIABLE)).map(String::strip).filter(t -> !t.isEmpty());
    }

    /** The installed SVID if it loads and has not expired. */
    private Optional<Svid> current(IdentityFiles files) {
        try {
            files.recover();
            if (!files.exist()) {
                return Optional.empty();
            }
            Svid svid = files.load();
            return svid.notAfter().isAfter(clock.instant()) ? Optional.of(svid) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static IdentityFiles files(AgentConfig c) {
        return IdentityFiles.of(c.identity().certificate(), c.identity().privateKey());
    }

    /** The CSR subject (advisory): the device id, cut to the 64 characters a CN may have. */
    private static String commonName(AgentConfig c) {
        String id = c.device().id();
        return id.length() > CertificationRequest.MAX_COMMON_NAME
                ? id.substring(0, CertificationRequest.MAX_COMMON_NAME) : id;
    }

    private int fail(int code, String message) {
        err.println(message);
        return code;
    }
}
