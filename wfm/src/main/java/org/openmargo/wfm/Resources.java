package org.openmargo.wfm;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.deviceapi.BundlesService;
import org.openmargo.wfm.deviceapi.CapabilitiesService;
import org.openmargo.wfm.deviceapi.DeploymentsService;
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
import org.openmargo.wfm.operatorapi.AuditService;
import org.openmargo.wfm.operatorapi.CaService;
import org.openmargo.wfm.operatorapi.ClientOverview;
import org.openmargo.wfm.operatorapi.ClientsService;
import org.openmargo.wfm.operatorapi.DiscoveryService;
import org.openmargo.wfm.operatorapi.EnrollmentTokensService;
import org.openmargo.wfm.operatorapi.SvidSigningService;
import org.openmargo.wfm.store.Database;

/**
 * The resources of each listener, in registration order: what {@link WfmServer} mounts, and what the API document
 * test walks, so a resource added here is checked against {@code openapi/*.yaml} without further wiring.
 *
 * @param device          the device API's resources (Margo routes and the renewal extension)
 * @param operator        the operator API's resources
 * @param operatorToken   the operator credential its routing checks
 * @param identityService the identity service listener's resources; empty with an external identity service
 */
record Resources(List<HttpService> device, List<HttpService> operator, String operatorToken,
                 List<HttpService> identityService) {

    static Resources of(WfmSettings settings, Database database, Identity identity, String token,
                        Optional<BuiltInMis> mis, ManifestCache desiredState, Observability observability) {
        int maxBody = settings.deviceApi().maxBodyBytes();
        AuditLog audit = new AuditLog(database.audit(), Clock.systemUTC());
        EnrollmentTokens tokens = new EnrollmentTokens(database.enrollmentTokens(), Clock.systemUTC(),
                new SecureRandom());
        Optional<BuiltInIdentityService> builtIn = mis.map(BuiltInMis::service);
        Optional<IdentityService> identityService = builtIn.map(IdentityService.class::cast);
        List<HttpService> device = List.of(
                // Our extension (docs/identity-service.md), beside the Margo routes, under /x-openmargo/.
                new RenewalEndpoint(identity.authenticator(), identityService, audit),
                new CapabilitiesService(database.devices(), maxBody),
                new DeploymentsService(desiredState, observability.statuses(database.statuses()), maxBody),
                new BundlesService(desiredState));
        List<HttpService> operator = List.of(
                new ClientsService(new ClientOverview(database.clients(), database.devices(),
                        database.desiredState(), database.statuses()), identity.policy(), tokens, audit),
                new org.openmargo.wfm.operatorapi.DeploymentsService(desiredState, audit, maxBody),
                new SvidSigningService(identityService, identity.policy(), audit),
                new EnrollmentTokensService(tokens, identityService, audit),
                new DiscoveryService(identityService),
                new AuditService(audit),
                new CaService(builtIn, audit));
        List<HttpService> misResources = mis.<List<HttpService>>map(m -> List.of(
                new WellKnownService(m.service()),
                new EnrollmentEndpoint(new Enrollment(tokens, m.service(), identity.policy()), audit)))
                .orElse(List.of());
        return new Resources(device, operator, token, misResources);
    }
}
