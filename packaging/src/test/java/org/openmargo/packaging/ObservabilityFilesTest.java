package org.openmargo.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules: valid files (JSON; {@code promtool check rules}), and every
 * metric they query is in the metric list of docs/observability.md and, unless the list marks it planned, in the real
 * scrape the WFM module's {@code ObservabilityTest} saves ({@code wfm/target/observe-scrape.txt}, after real traffic).
 */
class ObservabilityFilesTest {
    private static final Path DASHBOARD = Layout.PACKAGING.resolve("grafana/openmargo-wfm.json");
    private static final Path ALERTS = Layout.PACKAGING.resolve("prometheus/alerts.yml");
    private static final Path DOC = Layout.ROOT.resolve("docs/observability.md");
    private static final Path SCRAPE = Layout.ROOT.resolve("wfm/target/observe-scrape.txt");
    private static final Pattern METRIC = Pattern.compile("\\b((?:openmargo_wfm|jvm|process)_[a-z0-9_]+)\\b");
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `([a-z0-9_]+)`");

    @Test
    void dashboard_everyPanelQueries_andEveryMetricIsDocumentedAndScraped() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
            panel.get("targets").forEach(t -> expressions.add(t.get("expr").asString()));
        }
        assertThat(dashboard.get("uid").asString()).isEqualTo("openmargo-wfm");
        checkMetrics(expressions, "the dashboard");
    }

    @Test
    void alerts_promtoolAccepts_andEveryMetricIsDocumentedAndScraped() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is not installed (Debian package "
                + "prometheus; .ci/run installs it): the rules were not checked");
        Process p = new ProcessBuilder("/usr/bin/promtool", "check", "rules", ALERTS.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> expressions = Layout.read(ALERTS).lines().map(String::strip)
                .filter(l -> !l.startsWith("#")).toList();
        checkMetrics(expressions, "the alert rules");
    }

    @Test
    void metricList_matchesTheRealScrape() {
        Set<String> scraped = scraped();
        for (String metric : documented(false)) {
            assertThat(scraped).as("documented metric %s in the scrape", metric).contains(metric);
        }
    }

    private static void checkMetrics(List<String> expressions, String where) {
        Set<String> used = new LinkedHashSet<>();
        for (String e : expressions) {
            Matcher m = METRIC.matcher(e);
            while (m.find()) {
                used.add(m.group(1).replaceAll("_(bucket|sum|count)$", ""));
            }
        }
        assertThat(used).as("metrics in " + where).isNotEmpty();
        Set<String> documented = documented(true);
        Set<String> available = documented(false);
        Set<String> scraped = scraped();
        for (String metric : used) {
            assertThat(documented).as("%s queries %s: list it in docs/observability.md", where, metric)
                    .contains(metric);
            if (available.contains(metric)) {
                assertThat(scraped).as("%s queries %s, which a real scrape lacks", where, metric).contains(metric);
            }
        }
    }

    /** The metric names listed in docs/observability.md; planned ones only with {@code withPlanned}. */
    private static Set<String> documented(boolean withPlanned) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Layout.read(DOC).lines().toList()) {
            Matcher m = DOCUMENTED.matcher(line);
            if (m.find() && (withPlanned || !line.contains("planned"))) {
                names.add(m.group(1));
            }
        }
        assertThat(names).as("metric table of docs/observability.md").isNotEmpty();
        return names;
    }

    private static Set<String> scraped() {
        assumeTrue(Files.isReadable(SCRAPE), "no real scrape at " + SCRAPE + ": run the wfm module's tests "
                + "(ObservabilityTest) first, as the reactor build does");
        Set<String> families = new LinkedHashSet<>();
        for (String line : Layout.read(SCRAPE).lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                families.add(line.split(" ")[2]);
            }
        }
        return families;
    }
}
