package org.openmargo.wfm.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.openmargo.wfm.session.SessionStore;

/**
 * The operator console, served under {@code /console} on the operator listener (never on the device API's): server-
 * rendered pages (Mustache) with a little htmx, over the operator API as its only back end ({@link OperatorClient}).
 *
 * <pre>
 * GET  /console/sign-in, POST /console/sign-in, POST /console/sign-out
 * GET  /console/fleet?q&amp;standing&amp;page                 the clients, 25 a page
 * GET  /console/clients/{clientId}                       one client; POST .../accept, .../retire,
 *                                                        .../deployments/{deploymentId}/remove
 * GET  /console/onboarding, POST /console/onboarding/tokens, POST /console/onboarding/tokens/{tokenId}/revoke
 * GET  /console/ca, POST /console/ca/rotation
 * GET  /console/audit?actor&amp;action&amp;target&amp;limit
 * POST /console/clients/{clientId}/labels                operator labels (fleet API)
 * GET  /console/apps, POST /console/apps (import), GET /console/apps/{app}/versions/{version}, POST .../delete
 * GET  /console/deployments, POST /console/deployments, GET /console/deployments/{id}, POST .../{id}/delete,
 *      GET /console/deployments/parameter-fields?app&amp;version (htmx fragment),
 *      POST /console/deployments/preview (htmx fragment: the live target count)
 * GET  /console/rollouts, POST /console/rollouts, GET /console/rollouts/{id},
 *      POST .../{id}/pause, .../resume, .../cancel, .../rollback
 * GET  /console/assets/{name}                            htmx, the style sheet and the console's script
 * </pre>
 * Every path first passes the {@link Gate} (session, CSRF token, origin).
 */
public final class Console implements HttpService {
    private final Gate gate;
    private final SignIn signIn;
    private final Assets assets = new Assets();
    private final FleetPage fleet;
    private final ClientPage client;
    private final OnboardingPage onboarding;
    private final CaPage ca;
    private final AuditPage audit;
    private final FleetDeploymentPages deployments;
    private final RolloutPages rollouts;
    private final AppPages apps;

    /**
     * @param sessions     where sessions live
     * @param api          the operator API, over loopback
     * @param secureCookie whether the session cookie is marked {@code Secure}
     * @param staleAfter   a client not seen for longer is highlighted as stale
     */
    public Console(SessionStore sessions, OperatorClient api, boolean secureCookie, Duration staleAfter, Clock clock) {
        Objects.requireNonNull(sessions);
        Objects.requireNonNull(api);
        PageWriter pages = new PageWriter(new Templates());
        this.gate = new Gate(sessions, pages);
        this.signIn = new SignIn(sessions, api, pages, secureCookie);
        this.fleet = new FleetPage(api, pages, clock, staleAfter);
        this.client = new ClientPage(api, pages, clock, staleAfter);
        this.onboarding = new OnboardingPage(api, pages);
        this.ca = new CaPage(api, pages);
        this.audit = new AuditPage(api, pages);
        this.deployments = new FleetDeploymentPages(api, pages);
        this.rollouts = new RolloutPages(api, pages);
        this.apps = new AppPages(api, pages);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/console", gate::check)
                .any("/console/*", gate::check)
                .get("/console", (req, res) -> PageWriter.seeOther(res, "/console/fleet"))
                .get("/console/", (req, res) -> PageWriter.seeOther(res, "/console/fleet"))
                .get("/console/assets/{name}", assets::serve)
                .get(SignIn.PATH, signIn::form)
                .post(SignIn.PATH, signIn::signIn)
                .post("/console/sign-out", signIn::signOut)
                .get("/console/fleet", fleet::show)
                .get("/console/clients/{clientId}", client::show)
                .post("/console/clients/{clientId}/accept", client::accept)
                .post("/console/clients/{clientId}/retire", client::retire)
                .post("/console/clients/{clientId}/deployments/{deploymentId}/remove", client::removeDeployment)
                .get("/console/onboarding", onboarding::show)
                .post("/console/onboarding/tokens", onboarding::create)
                .post("/console/onboarding/tokens/{tokenId}/revoke", onboarding::revoke)
                .get("/console/ca", ca::show)
                .post("/console/ca/rotation", ca::rotate)
                .get("/console/audit", audit::show)
                .post("/console/clients/{clientId}/labels", client::label)
                .get("/console/apps", apps::list)
                .post("/console/apps", apps::importDescription)
                .get("/console/apps/{app}/versions/{version}", apps::version)
                .post("/console/apps/{app}/versions/{version}/delete", apps::delete)
                .get("/console/deployments", deployments::list)
                .post("/console/deployments", deployments::create)
                .get("/console/deployments/parameter-fields", deployments::parameterFields)
                .post("/console/deployments/preview", deployments::preview)
                .get("/console/deployments/{id}", deployments::show)
                .post("/console/deployments/{id}/delete", deployments::delete)
                .get("/console/rollouts", rollouts::list)
                .post("/console/rollouts", rollouts::start)
                .get("/console/rollouts/{id}", rollouts::show)
                .post("/console/rollouts/{id}/pause", (req, res) -> rollouts.command(req, res, "pause"))
                .post("/console/rollouts/{id}/resume", (req, res) -> rollouts.command(req, res, "resume"))
                .post("/console/rollouts/{id}/cancel", (req, res) -> rollouts.command(req, res, "cancel"))
                .post("/console/rollouts/{id}/rollback", (req, res) -> rollouts.command(req, res, "rollback"));
    }
}
