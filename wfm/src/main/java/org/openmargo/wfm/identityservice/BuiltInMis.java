package org.openmargo.wfm.identityservice;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.tls.Tls;
import org.openmargo.wfm.ca.AnchorAlgorithm;
import org.openmargo.wfm.ca.AnchorStore;
import org.openmargo.wfm.ca.CaChange;
import org.openmargo.wfm.ca.CaPassphrase;
import org.openmargo.wfm.ca.CaSettings;
import org.openmargo.wfm.ca.CertificateAuthority;
import org.openmargo.wfm.ca.MisTlsRoot;
import org.openmargo.wfm.ca.OperatorCa;
import org.openmargo.wfm.config.WfmSettings;

/**
 * The built-in identity service of a running WFM, assembled: the CA (created or imported on first start), the bundle
 * file the device API's trust layer reads ({@code <data-dir>/pki/bundle.json}, rewritten on every change of the
 * anchors), the WFM's own renewed SVID, the MIS listener's TLS, and the demo clients.
 *
 * <p>Several instances may share the database (and the wfm-id): each follows the rotation steps the others run by
 * polling the database every reload interval ({@link CertificateAuthority#refresh()}), so within one interval it
 * issues under the active anchor, publishes the current bundle and trusts exactly the published anchors.
 *
 * <p>Use: {@link #create}, then build the device API with {@link #wfmKeys()} and {@link #bundleFile()}, the
 * {@value #SOCKET} socket with {@link #tls()} and the routing of {@code org.openmargo.wfm.identityserviceapi}, then
 * {@link #started} with the bound port.
 */
public final class BuiltInMis {
    /** The name of the MIS listener's socket. */
    public static final String SOCKET = "mis";
    private static final Logger LOG = Logger.getLogger(BuiltInMis.class.getName());

    private final BuiltInIdentityService service;
    private final WfmCredential wfm;
    private final MisTls tls;
    private final Path bundleFile;
    private final boolean publicUrlConfigured;
    private final List<Runnable> bundleListeners = new CopyOnWriteArrayList<>();
    private final RenewalCounts wfmSvidRenewals = new RenewalCounts();
    private final RenewalCounts misTlsRenewals = new RenewalCounts();

    private BuiltInMis(BuiltInIdentityService service, WfmCredential wfm, MisTls tls, Path bundleFile,
                       boolean publicUrlConfigured) {
        this.service = service;
        this.wfm = wfm;
        this.tls = tls;
        this.bundleFile = bundleFile;
        this.publicUrlConfigured = publicUrlConfigured;
    }

    /**
     * Opens (or creates) the CA in {@code store} and everything built on it.
     *
     * @throws IOException                              when files under the data directory cannot be written
     * @throws org.openmargo.wfm.ca.CaUnavailableException when a key does not decrypt or a supplied CA is unusable
     */
    public static BuiltInMis create(WfmSettings settings, AnchorStore store, Clock clock) throws IOException {
        WfmSettings.IdentityService s = settings.identityService();
        Path pki = java.nio.file.Files.createDirectories(settings.dataDir().resolve("pki"));
        char[] passphrase = CaPassphrase.resolve(s.caKeyPassphrase(), pki);
        Optional<OperatorCa> operatorCa = s.caCertificate().map(c -> OperatorCa.read(c, s.caPrivateKey().orElseThrow(),
                passphrase));
        CertificateAuthority ca = CertificateAuthority.open(new CaSettings(settings.trustDomain(),
                AnchorAlgorithm.of(s.algorithm()), s.caLifetime(), s.bundleRefreshHint(), passphrase, operatorCa),
                store, clock);
        Path bundleFile = pki.resolve("bundle.json");
        ClientCredentials.writeAtomically(bundleFile, new String(ca.bundleJson(),
                java.nio.charset.StandardCharsets.UTF_8), false);
        MisTls tls = s.tlsCertificate().isPresent()
                ? MisTls.fromFiles(s.tlsCertificate().get(), s.tlsPrivateKey().orElseThrow(), clock)
                : MisTls.issued(MisTlsRoot.open(store, passphrase, settings.trustDomain(), clock), s.tlsNames(), clock);
        URI publicUrl = s.publicUrl().orElse(URI.create("https://localhost:" + s.port()));
        BuiltInIdentityService service = new BuiltInIdentityService(ca, settings.trustDomain(), settings.wfmId(),
                s.clientSvidLifetime(), s.wfmSvidLifetime(), tls.pins(), publicUrl);
        BuiltInMis mis = new BuiltInMis(service, WfmCredential.issue(service, clock), tls, bundleFile,
                s.publicUrl().isPresent());
        ca.onChange(mis::afterChange);
        for (String clientId : s.demoClients()) {
            Path dir = pki.resolve("clients").resolve(clientId);
            ClientCredentials.issue(service, clientId).write(dir, ca.anchors());
            LOG.warning(() -> "demo client '" + clientId + "': key and SVID generated ON THE WFM into " + dir
                    + " (wfm.identity-service.demo-client; for demos only, devices enroll with their own key)");
        }
        return mis;
    }

    /** Same for a local step and one followed from the database: bundle file, trust reload, own SVID. */
    private void afterChange(CaChange change) {
        try {
            ClientCredentials.writeAtomically(bundleFile, new String(service.trustBundleJson(),
                    java.nio.charset.StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the trust bundle " + bundleFile, e);
        }
        bundleListeners.forEach(Runnable::run);
        if (change.issuerChanged()) {
            wfm.renewNow();
        }
    }

    /** Runs {@code listener} after the bundle file was rewritten (the device API re-reads it at once). */
    public void onBundleChange(Runnable listener) {
        bundleListeners.add(listener);
    }

    /** Outcomes of the automatic renewals of the WFM's own SVID since start. */
    public RenewalCounts wfmSvidRenewals() {
        return wfmSvidRenewals;
    }

    /** Outcomes of the automatic renewals of the MIS listener's certificate since start. */
    public RenewalCounts misTlsRenewals() {
        return misTlsRenewals;
    }

    /** The identity service. */
    public BuiltInIdentityService service() {
        return service;
    }

    /** What the device API presents: the WFM's own SVID, swapped on renewal. */
    public org.openmargo.wfm.identity.SvidKeyManager wfmKeys() {
        return wfm.keys();
    }

    /** The SPIFFE bundle file the device API's trust layer reads. */
    public Path bundleFile() {
        return bundleFile;
    }

    /** TLS of the MIS listener (server authentication only). */
    public Tls tls() {
        return tls.tls();
    }

    /**
     * Call once the listener is bound: fixes the default public URL, starts the renewals, and starts following the
     * CA in the database every {@code reloadInterval} (a one-shot task re-armed after each run; a failed run is logged
     * and the next one runs as planned).
     */
    public void started(int boundPort, ScheduledExecutorService executor, Duration reloadInterval) {
        if (!publicUrlConfigured) {
            service.publicUrl(URI.create("https://localhost:" + boundPort));
        }
        wfm.startRenewal(executor, wfmSvidRenewals);
        tls.startRenewal(executor, misTlsRenewals);
        arm(executor, reloadInterval);
    }

    private void follow(ScheduledExecutorService executor, Duration interval) {
        try {
            service.ca().refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the CA from the database; keeping the anchors in use", e);
        } finally {
            arm(executor, interval);
        }
    }

    private void arm(ScheduledExecutorService executor, Duration interval) {
        try {
            executor.schedule(() -> follow(executor, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The executor shut down: that is how following stops.
        }
    }
}
