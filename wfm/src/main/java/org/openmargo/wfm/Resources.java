package org.openmargo.wfm;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.console.Console;
import org.openmargo.wfm.console.OperatorClient;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.deviceapi.BundlesService;
import org.openmargo.wfm.deviceapi.CapabilitiesService;
import org.openmargo.wfm.deviceapi.DeploymentsService;
import org.openmargo.wfm.deviceapi.DeviceApi;
import org.openmargo.wfm.enrollment.Enrollment;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.identity.Identity;
import org.openmargo.wfm.identityservice.BuiltInIdentityService;
import org.openmargo.wfm.identityservice.BuiltInMis;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.identityserviceapi.EnrollmentEndpoint;
import org.openmargo.wfm.identityserviceapi.RenewalEndpoint;
import org.openmargo.wfm.identityserviceapi.WellKnownService;
import org.openmargo.wfm.observe.Observability;
import org.openmargo.wfm.operatorapi.AppsService;
import org.openmargo.wfm.operatorapi.AuditService;
import org.openmargo.wfm.operatorapi.CaService;
import org.openmargo.wfm.operatorapi.ClientOverview;
import org.openmargo.wfm.operatorapi.ClientsService;
import org.openmargo.wfm.operatorapi.DiscoveryService;
import org.openmargo.wfm.operatorapi.EnrollmentTokensService;
import org.openmargo.wfm.operatorapi.FleetDeploymentsService;
import org.openmargo.wfm.operatorapi.LabelsService;
import org.openmargo.wfm.operatorapi.RolloutsService;
import org.openmargo.wfm.operatorapi.SvidSigningService;
import org.openmargo.wfm.session.SessionStore;
import org.openmargo.wfm.store.Database;

/**
 * The resources of each listener, in registration order: what {@link WfmServer} mounts, and what the API document
 * test walks, so a resource added here is checked against {@code openapi/*.yaml} without further wiring.
 *
 * @param device          the device API's resources (Margo routes and the renewal extension)
 * @param operator        the operator API's resources
 * @param operatorToken   the operator credential its routing checks
 * @param identityService the identity service listener's resources; empty with an external identity service
 * @param proxiedDevice   the device API's resources behind a TLS-terminating proxy (the caller from the forwarded
 *                        certificate)
 */
record Resources(List<HttpService> device, List<HttpService> operator, String operatorToken,
                 List<HttpService> identityService, List<HttpService> proxiedDevice) {

    /**
     * @param fleet        the fleet layer: its presence records polls, its services are operator resources
     * @param operatorPort the operator listener's port once bound, for the console's loopback client
     */
    static Resources of(WfmSettings settings, Database database, Identity identity, String token,
                        Optional<BuiltInMis> mis, ManifestCache desiredState, Observability observability,
                        Fleet fleet, AtomicInteger operatorPort) {
        int maxBody = settings.deviceApi().maxBodyBytes();
        AuditLog audit = new AuditLog(database.audit(), Clock.systemUTC());
        EnrollmentTokens tokens = new EnrollmentTokens(database.enrollmentTokens(), Clock.systemUTC(),
                new SecureRandom());
        Optional<BuiltInIdentityService> builtIn = mis.map(BuiltInMis::service);
        Optional<IdentityService> identityService = builtIn.map(IdentityService.class::cast);
        List<HttpService> margo = List.of(
                new CapabilitiesService(database.devices(), maxBody),
                new DeploymentsService(desiredState, observability.statuses(database.statuses()), maxBody,
                        fleet.presence()),
                new BundlesService(desiredState));
        // Our extension (docs/identity-service.md), beside the Margo routes, under /x-openmargo/.
        List<HttpService> device = withFirst(new RenewalEndpoint(identity.authenticator(), identityService, audit),
                margo);
        // Behind a TLS-terminating proxy the caller is the one its forwarded certificate names (docs/deployment.md).
        List<HttpService> proxied = withFirst(new RenewalEndpoint(DeviceApi::caller, identityService, audit), margo);
        List<HttpService> operator = List.of(
                new ClientsService(new ClientOverview(database.clients(), database.devices(),
                        database.desiredState(), database.statuses(), fleet.presence()), identity.policy(), tokens,
                        audit),
                new org.openmargo.wfm.operatorapi.DeploymentsService(desiredState, audit, maxBody),
                new AppsService(database.catalogue(), audit, Math.min(maxBody, DeploymentValidator.MAX_BYTES)),
                new FleetDeploymentsService(fleet.deployments(), fleet.preview(), audit),
                new RolloutsService(fleet.rollouts(), audit),
                new LabelsService(fleet.labels(), audit),
                new SvidSigningService(identityService, identity.policy(), audit),
                new EnrollmentTokensService(tokens, identityService, audit),
                new DiscoveryService(identityService),
                new AuditService(audit),
                new CaService(builtIn, audit),
                console(settings, operatorPort));
        List<HttpService> misResources = mis.<List<HttpService>>map(m -> List.of(
                new WellKnownService(m.service()),
                new EnrollmentEndpoint(new Enrollment(tokens, m.service(), identity.policy()), audit)))
                .orElse(List.of());
        return new Resources(device, operator, token, misResources, proxied);
    }

    private static List<HttpService> withFirst(HttpService first, List<HttpService> rest) {
        List<HttpService> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    /**
     * The operator console on the operator listener, a client of the operator API over loopback (docs/console.md);
     * a service with no routes when {@code wfm.console.enabled} is false.
     */
    private static HttpService console(WfmSettings settings, AtomicInteger operatorPort) {
        WfmSettings.Console c = settings.operator().console();
        if (!c.enabled()) {
            return rules -> { };
        }
        String host = switch (settings.operator().host()) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> settings.operator().host().contains(":") && !settings.operator().host().startsWith("[")
                    ? "[" + settings.operator().host() + "]" : settings.operator().host();
        };
        SessionStore sessions = new SessionStore(c.idleTimeout(), c.absoluteTimeout(), c.maxSessions(),
                Clock.systemUTC(), new SecureRandom());
        OperatorClient api = new OperatorClient(() -> URI.create("http://" + host + ":" + operatorPort.get()));
        return new Console(sessions, api, c.secureCookie(), c.staleAfter(), Clock.systemUTC());
    }
}
