package org.openmargo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real Chromium (Debian's {@code chromium} and {@code chromium-driver}, headless) against a
 * WFM with three real agents enrolled over the network: sign in, the fleet with the right counts, a device page, an
 * enrollment token made in the console and used by a fourth agent that then appears in the fleet, the audit log
 * naming the operator, sign-out, and (with a plain HTTP client holding the browser's cookie) a change without the
 * CSRF token refused; then the fleet layer: an application imported from its file, an operator label, a fleet
 * deployment by selector, and a 2-wave rollout paused, resumed and watched reaching 100 % on its live page.
 * Screenshots go to {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static ConsoleFleet fleet;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        for (String tool : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing: install Debian's chromium and chromium-driver "
                        + "(.ci/run does)");
            }
        }
        fleet = new ConsoleFleet(dir);
        fleet.enrollAndRun("press-1", "stamping");
        fleet.enrollAndRun("press-2", "stamping");
        fleet.enrollAndRun("paint-1", "painting");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")),
                        "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // a click that navigates may return before the next page is there: look for its elements a while
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void operatorConsole_signInFleetDeviceOnboardAuditSignOut() throws Exception {
        browser.get(fleet.operatorUrl() + "/console/fleet");
        assertThat(browser.getCurrentUrl()).as("no session: the sign-in page").endsWith("/console/sign-in");
        browser.findElement(By.id("operator")).sendKeys("Erin Operator");
        browser.findElement(By.id("token")).sendKeys(fleet.wfm.operatorToken());
        screenshot("sign-in");
        browser.findElement(By.id("sign-in")).click();
        urlEndsWith("/console/fleet");
        assertThat(browser.findElement(By.id("operator-name")).getText()).isEqualTo("Erin Operator");

        untilOnFleet(3, "installed 1");
        assertThat(rows()).extracting(r -> r.getAttribute("data-client"))
                .containsExactly("paint-1", "press-1", "press-2");
        assertThat(browser.findElement(By.cssSelector("tr[data-client=press-1]")).getText())
                .contains("press-1-device").contains("example.com/line=stamping").contains("installed 1")
                .as("architecture, memory and storage as reported").doesNotContain("—");
        // an agent polls more often than it reports: last seen becomes its last poll (the fleet's presence)
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.navigate().to(fleet.operatorUrl() + "/console/fleet");
            return d.findElement(By.cssSelector("tr[data-client=press-1]")).getText().contains("(poll)");
        });
        screenshot("fleet");

        browser.findElement(By.id("q")).sendKeys("press");
        new WebDriverWait(browser, WAIT).until(d -> rows().size() == 2);
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("2");
        assertThat(browser.getCurrentUrl()).as("htmx pushed the filter into the URL").contains("q=press");

        browser.findElement(By.linkText("press-1")).click();
        heading("Client press-1");
        assertThat(browser.findElement(By.id("standing")).getText()).isEqualTo("accepted");
        assertThat(browser.findElement(By.cssSelector(".deployment-row .deployment-state")).getText())
                .isEqualTo("installed");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("press-1-device")
                .contains("broker: installed").contains("dashboard: installed")
                .containsPattern("CPU\\s+\\S+, [0-9]+ cores");
        assertThat(browser.findElement(By.id("svid")).getText()).contains("(enroll), valid until 20");
        assertThat(browser.findElements(By.cssSelector("#status-history tr.status-change")))
                .as("the deployment's status history, newest first").isNotEmpty()
                .first().extracting(WebElement::getText).asString()
                .contains("installed").contains("broker: installed").contains("dashboard: installed");
        screenshotAt("device-history", By.id("status-history"));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        assertThat(browser.findElements(By.cssSelector("tr.history-row"))).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains("device:press-1").contains("enroll"))
                .anySatisfy(row -> assertThat(row).contains("e2e-setup").contains("deployment.put"));
        screenshot("device");

        browser.findElement(By.linkText("Onboarding")).click();
        browser.findElement(By.id("clientId")).sendKeys("weld-1");
        browser.findElement(By.id("ttl")).sendKeys("PT30M");
        browser.findElement(By.id("create-token")).click();
        live().until(d -> d.findElement(By.id("new-token")));
        String token = browser.findElement(By.id("new-token")).getAttribute("value");
        String agentConf = browser.findElement(By.id("agent-conf")).getAttribute("value");
        assertThat(token).matches("[A-Za-z0-9_-]{20,}");
        assertThat(agentConf).startsWith("trust.discovery-url = https://").contains("trust.pins = sha256:");
        assertThat(browser.findElement(By.id("enroll-command")).getAttribute("value"))
                .isEqualTo("openmargo-agent enroll --config agent.conf --token " + token);
        screenshot("onboarding-token");

        fleet.enrollAndRun("weld-1", "welding", token, agentConf);
        browser.findElement(By.linkText("Fleet")).click();
        untilOnFleet(4, "installed 1");
        assertThat(rows()).extracting(r -> r.getAttribute("data-client")).contains("weld-1");
        browser.navigate().to(fleet.operatorUrl() + "/console/onboarding");
        assertThat(browser.findElement(By.cssSelector("tr[data-token] .badge.used")).getText()).isEqualTo("used");
        assertThat(browser.getPageSource()).as("the token is shown only once").doesNotContain(token);

        browser.findElement(By.linkText("Audit log")).click();
        browser.findElement(By.id("actor")).sendKeys("Erin");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("actor=Erin"));
        assertThat(browser.findElements(By.cssSelector("tr.audit-row"))).singleElement()
                .extracting(WebElement::getText).asString()
                .contains("Erin Operator").contains("enrollment-token.create").contains("weld-1");
        browser.navigate().to(fleet.operatorUrl() + "/console/audit");
        screenshot("audit");

        browser.navigate().to(fleet.operatorUrl() + "/console/ca");
        assertThat(browser.findElements(By.cssSelector("tr.anchor-row"))).hasSize(1);
        screenshot("ca");

        browser.manage().window().setSize(new Dimension(820, 1180));
        browser.navigate().to(fleet.operatorUrl() + "/console/fleet");
        assertThat(rows()).hasSize(4);
        screenshot("fleet-tablet");
        browser.manage().window().setSize(new Dimension(1280, 900));

        Cookie session = browser.manage().getCookieNamed("openmargo-console");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fleet.operatorUrl() + "/console/clients/press-2/retire"))
                .header("Cookie", "openmargo-console=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a change without the CSRF token").isEqualTo(403);
        assertThat(fleet.operator("GET", "/operator/v1/clients/press-2", null, null))
                .contains("\"standing\":\"accepted\"");

        browser.findElement(By.cssSelector("form.signout button")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("/console/sign-in"));
        browser.navigate().to(fleet.operatorUrl() + "/console/fleet");
        assertThat(browser.getCurrentUrl()).as("signed out: no way back in").endsWith("/console/sign-in");
    }

    @Test
    @Order(2)
    void fleetLayer_importDeployBySelectorAndTwoWaveRolloutPausedResumedTo100Percent() throws Exception {
        signIn("Rollout Operator");
        browser.findElement(By.linkText("Applications")).click();
        for (String version : new String[] {"1.0.0", "2.0.0"}) {
            browser.navigate().to(fleet.operatorUrl() + "/console/apps");
            browser.findElement(By.id("description-file")).sendKeys(Path.of("..", "examples",
                    "hello-line-" + version + ".yaml").toAbsolutePath().normalize().toString());
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("description")).getAttribute("value")
                    .contains("version: " + version));
            browser.findElement(By.id("import-description")).click();
            heading("Application hello-line " + version);
        }
        assertThat(browser.findElement(By.cssSelector(".profile-row")).getText())
                .contains("hello-line-compose").contains("compose").contains("dashboard");
        assertThat(browser.findElement(By.cssSelector(".parameter-row")).getText()).contains("siteName")
                .contains("Plant 7");
        screenshot("application");

        browser.navigate().to(fleet.operatorUrl() + "/console/clients/paint-1");
        browser.findElement(By.id("label-name")).sendKeys("example.com/line");
        browser.findElement(By.id("label-value")).sendKeys("stamping");
        browser.findElement(By.id("set-label")).click();
        live().until(d -> d.findElement(By.id("operator-labels")).getText().contains("example.com/line=stamping"));

        // a Select setting is a drop-down of the schema's options, a multiselect one checkbox per option
        fleet.operator("POST", "/operator/v1/apps", SELECT_DEMO, "application/yaml");
        browser.findElement(By.linkText("Deployments")).click();
        browser.findElement(By.id("app")).sendKeys("select-demo");
        browser.findElement(By.id("version")).sendKeys("1.0.0");
        browser.findElement(By.id("name")).click();
        WebElement mode = live().until(d -> d.findElement(By.cssSelector("select#param-mode")));
        assertThat(new Select(mode).getOptions()).extracting(WebElement::getText).containsExactly("fast", "safe");
        assertThat(new Select(mode).getFirstSelectedOption().getText()).isEqualTo("fast");
        assertThat(browser.findElements(By.cssSelector("#param-zones input[type=checkbox]")))
                .extracting(e -> e.getAttribute("value") + "=" + e.isSelected())
                .containsExactly("north=true", "south=false", "east=false");

        browser.navigate().to(fleet.operatorUrl() + "/console/deployments");
        browser.findElement(By.id("name")).sendKeys("hello");
        browser.findElement(By.id("app")).sendKeys("hello-line");
        browser.findElement(By.id("version")).sendKeys("1.0.0");
        browser.findElement(By.id("selector")).sendKeys("{\"matchLabels\": {\"example.com/line\": \"stamping\"}}");
        // the live target count follows the selector as it is typed (htmx, CSRF-protected POST)
        live().until(d -> d.findElement(By.id("target-matching")).getText().equals("3")
                && d.findElement(By.id("target-placeable")).getText().equals("3"));
        assertThat(textOf(By.id("target-count"))).contains("3 of 4 device(s) match, on 3 client(s)");
        screenshotAt("deploy", By.id("target-count"));
        WebElement siteName = live().until(d -> d.findElement(By.id("param-siteName")));
        assertThat(siteName.getAttribute("value")).as("the parameter's default").isEqualTo("Plant 7");
        assertThat(siteName.getAttribute("maxlength")).as("the schema's limit, as a hint").isEqualTo("45");
        assertThat(browser.findElement(By.cssSelector("label[for=param-siteName]")).getText())
                .startsWith("Site name");
        browser.findElement(By.id("parameters")).sendKeys("{\"siteName\": \"\"}");
        browser.findElement(By.id("create-deployment")).click();
        assertThat(textOf(By.id("deploy-error"))).as("the schema's message, per field")
                .contains("siteName");
        assertThat(textOf(By.id("param-siteName-error"))).as("and under the parameter's field")
                .isEqualTo("must not be empty");
        screenshot("deploy-refused");

        browser.findElement(By.id("parameters")).clear();
        browser.findElement(By.id("param-siteName")).clear();
        browser.findElement(By.id("param-siteName")).sendKeys("Press shop");
        browser.findElement(By.id("create-deployment")).click();
        heading("Fleet deployment hello");
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.navigate().refresh();
            List<WebElement> members = d.findElements(By.cssSelector("tr.member-row"));
            return members.size() == 3 && members.stream().allMatch(m -> m.getText().contains("1.0.0 1.0.0"));
        });
        assertThat(browser.findElements(By.cssSelector("tr.member-row"))).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).startsWith("paint-1"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("\"siteName\":\"Press shop\"");
        screenshot("fleet-deployment");

        browser.findElement(By.linkText("Rollouts")).click();
        browser.findElement(By.id("toVersion")).sendKeys("2.0.0");
        browser.findElement(By.id("waves")).sendKeys("1, 100%");
        // the agents are frozen until Pause is clicked: on a loaded machine wave 1 must not finish (and wave 2
        // start) before the browser gets there
        fleet.freezeAgents(true);
        try {
            browser.findElement(By.id("start")).click();
            heading("Rollout");
            live().until(d -> d.findElement(By.id("pause"))).click();
            assertThat(textOf(By.id("rollout-state"))).isEqualTo("paused");
        } finally {
            fleet.freezeAgents(false);
        }
        // paused: the device already moved in wave 1 still installs, wave 2 does not start
        live().until(d -> d.findElement(By.cssSelector(".wave[data-wave='1'] .wave-text")).getText()
                .startsWith("1 of 1 installed"));
        assertThat(textOf(By.id("rollout-state"))).isEqualTo("paused");
        assertThat(textOf(By.cssSelector(".wave[data-wave='2'] .wave-text")))
                .as("paused before the second wave").startsWith("0 of 2 installed");
        screenshot("rollout-paused");
        live().until(d -> d.findElement(By.id("resume"))).click();
        // no reload from here on: the page's own htmx polling must bring the progress in
        live().until(d -> d.findElement(By.id("overall-text")).getText().equals("3 of 3 installed (100 %)"));
        live().until(d -> d.findElement(By.id("rollout-state")).getText().equals("completed"));
        assertThat(browser.findElement(By.cssSelector("#progress")).getAttribute("hx-trigger"))
                .as("a finished rollout's page stops refreshing").isNull();
        screenshot("rollout");
        browser.navigate().to(fleet.operatorUrl() + "/console/audit?actor=Rollout");
        assertThat(browser.findElements(By.cssSelector("tr.audit-row"))).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains("rollout.pause"))
                .anySatisfy(row -> assertThat(row).contains("rollout.resume"))
                .anySatisfy(row -> assertThat(row).contains("fleet-deployment.create"))
                .anySatisfy(row -> assertThat(row).contains("client.labels"))
                .anySatisfy(row -> assertThat(row).contains("app.import"));
    }

    /** A description with two Select settings: a drop-down and a multiselect. */
    private static final String SELECT_DEMO = """
            apiVersion: margo.org/v1-alpha1
            kind: ApplicationDescription
            id: select-demo
            metadata:
              name: Select demo
              description: Two Select settings
              version: 1.0.0
              catalog:
                application:
                  tagline: Selects
                organization:
                  - name: OpenMargo
            deploymentProfiles:
              - type: compose
                id: select-demo-compose
                components:
                  - name: app
                    properties:
                      repository: oci://registry.example.com/demo/app
                      revision: 1.0.0
            parameters:
              mode:
                value: fast
                targets:
                  - pointer: MODE
                    components: [app]
              zones:
                value: [north]
                targets:
                  - pointer: ZONES
                    components: [app]
            configuration:
              sections:
                - name: General
                  settings:
                    - parameter: mode
                      name: Mode
                      schema: modes
                    - parameter: zones
                      name: Zones
                      schema: zones
              schema:
                - name: modes
                  dataType: string
                  options: [fast, safe]
                - name: zones
                  dataType: array[string]
                  multiselect: true
                  options: [north, south, east]
            """;

    /**
     * A wait that retries when htmx swapped the element, or a navigation replaced the page, between finding and
     * reading it.
     */
    private static WebDriverWait live() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        // Chromium's "Node with given id does not belong to the document" when a navigation replaced the page
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    private static String textOf(By by) {
        return live().until(d -> d.findElement(by).getText());
    }

    private static void signIn(String name) {
        browser.navigate().to(fleet.operatorUrl() + "/console/sign-in");
        browser.findElement(By.id("operator")).sendKeys(name);
        browser.findElement(By.id("token")).sendKeys(fleet.wfm.operatorToken());
        browser.findElement(By.id("sign-in")).click();
        urlEndsWith("/console/fleet");
    }

    private static void urlEndsWith(String path) {
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith(path));
    }

    private static void heading(String text) {
        live().until(d -> d.findElement(By.tagName("h1")).getText().equals(text));
    }

    /** Reloads the fleet page until it lists {@code count} clients, each with {@code state} in its row. */
    private static void untilOnFleet(int count, String state) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.navigate().to(fleet.operatorUrl() + "/console/fleet");
            List<WebElement> rows = rows();
            return rows.size() == count && rows.stream().allMatch(r -> r.getText().contains(state));
        });
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo(String.valueOf(count));
        assertThat(browser.findElement(By.id("stale-count")).getText()).isEqualTo("0");
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("tr.client-row"));
    }

    /** A screenshot with the element scrolled to the middle of the window. */
    private static void screenshotAt(String name, By element) throws Exception {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.findElement(element));
        screenshot(name);
    }

    private static void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
