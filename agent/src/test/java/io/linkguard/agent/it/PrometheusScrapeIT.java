package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a real Prometheus (Debian package) scrapes the packaged agent
 * every second, in a namespace of the test's own, with the repository's alert
 * rules loaded. Its HTTP API returns linkguard series; every dashboard
 * expression and variable and every rule expression and template query runs
 * through it without error (proving the PromQL valid against real series);
 * every rule evaluates healthy.
 */
@Tag("netns")
class PrometheusScrapeIT {
    private static final int AGENT_PORT = 18784;
    private static final int PROMETHEUS_PORT = 19090;
    private static final String INSTANCE = "127.0.0.1:" + AGENT_PORT;

    /** Grafana's variables as they would be set for this agent. */
    private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put("__rate_interval", "1m");
        VARIABLES.put("__interval", "15s");
        VARIABLES.put("__range", "1h");
        VARIABLES.put("datasource", "prometheus");
        VARIABLES.put("instance", INSTANCE);
        VARIABLES.put("node", FullAgentConfig.NODE);
        VARIABLES.put("link", FullAgentConfig.LINK);
    }

    /** Replaces $name and ${name}; fails on a variable it does not know. */
    static String substitute(String expr) {
        String out = expr;
        for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
        }
        assertThat(out).as("unknown variable left in %s", expr).doesNotContain("$");
        return out;
    }

    @Test
    void prometheusScrapesTheAgentAndRunsEveryDashboardAndRuleQuery() throws Exception {
        Privileged.assumeRoot();
        Path state = Files.createTempDirectory("linkguard-state");
        try (TwoHosts hosts = new TwoHosts();
             AgentProcess agent = new AgentProcess(hosts.agentNs, FullAgentConfig.yaml(AGENT_PORT, state), AGENT_PORT);
             PrometheusServer prom = new PrometheusServer(hosts.agentNs, PROMETHEUS_PORT, "linkguard", INSTANCE,
                     List.of(ObservabilityFiles.rules()))) {
            agent.awaitStarted(Duration.ofSeconds(30));
            prom.awaitReady(Duration.ofSeconds(60));
            System.out.println("prometheus pid " + prom.pid());

            BfdInteropIT.await("linkguard_build_info through Prometheus; prometheus said:\n" + prom.output(),
                    Duration.ofSeconds(60), () -> results(prom.query("linkguard_build_info")).size() == 1);
            JsonObject info = results(prom.query("linkguard_build_info")).getFirst().getJsonObject("metric");
            assertThat(info.getString("node")).isEqualTo(FullAgentConfig.NODE);
            assertThat(info.getString("job")).isEqualTo("linkguard");
            assertThat(info.getString("instance")).isEqualTo(INSTANCE);
            // A few scrapes, so rate() windows hold several samples and the rules have evaluated.
            BfdInteropIT.await("10 scrapes", Duration.ofSeconds(60),
                    () -> results(prom.query("count_over_time(up{job=\"linkguard\"}[1m])")).stream()
                            .anyMatch(r -> Double.parseDouble(value(r)) >= 10));
            assertThat(results(prom.query("up{job=\"linkguard\"}")).getFirst().getJsonArray("value").getString(1))
                    .isEqualTo("1");

            List<String> errors = new ArrayList<>();
            List<String> empty = new ArrayList<>();
            int withData = 0;
            List<ObservabilityFiles.Expr> exprs = new ArrayList<>();
            for (String d : ObservabilityFiles.DASHBOARDS) {
                exprs.addAll(ObservabilityFiles.dashboardExprs(d));
            }
            exprs.addAll(ObservabilityFiles.ruleExprs());
            for (ObservabilityFiles.Expr e : ObservabilityFiles.ruleTemplateQueries()) {
                exprs.add(new ObservabilityFiles.Expr(e.where(), fillTemplate(e.promql())));
            }
            List<String> silentlyEmpty = new ArrayList<>();
            for (ObservabilityFiles.Expr e : exprs) {
                String q = substitute(e.promql());
                JsonObject r = prom.query(q);
                if (!"success".equals(r.getString("status"))) {
                    errors.add(e.where() + ": " + r.getString("errorType", "") + ": " + r.getString("error", "")
                            + "\n    " + q);
                } else if (!results(r).isEmpty()) {
                    withData++;
                } else {
                    empty.add(e.where());
                    // No comparison filters it, and every metric it reads has series: then it should
                    // return something; if not, a label name or value in it is wrong.
                    if (!FILTERS.matcher(q).find() && allHaveSeries(prom, q)) {
                        silentlyEmpty.add(e.where() + ": " + q);
                    }
                }
            }
            // For the record: what this agent, with nothing failing, has no series for.
            System.out.printf("%d expressions ran, %d returned series; empty:%n  %s%n", exprs.size(), withData,
                    String.join("\n  ", empty));
            assertThat(errors).as("queries Prometheus rejected").isEmpty();
            assertThat(silentlyEmpty).as("unfiltered queries over existing metrics that return nothing").isEmpty();
            assertThat(exprs).hasSizeGreaterThan(60);

            // The dashboards' variable chain: node -> instance -> link, each finds this agent.
            Map<String, String> expected = Map.of("node", FullAgentConfig.NODE, "instance", INSTANCE,
                    "link", FullAgentConfig.LINK);
            for (String d : ObservabilityFiles.DASHBOARDS) {
                for (ObservabilityFiles.LabelValues v : ObservabilityFiles.dashboardVariables(d)) {
                    JsonObject r = prom.api("/api/v1/label/" + v.label() + "/values",
                            Map.of("match[]", substitute(v.selector())));
                    assertThat(r.getString("status")).as(v.where() + ": " + r).isEqualTo("success");
                    assertThat(r.getJsonArray("data").getValuesAs(JsonString::getString)).as(v.where())
                            .contains(expected.get(v.variable()));
                }
            }

            // Some panels must show this agent's data, not just parse.
            assertThat(value(results(prom.query(substitute(
                    "count(max by (instance, link) (linkguard_link_state{instance=~\"$instance\", link=~\"$link\"}))")))
                    .getFirst())).isEqualTo("1");
            assertThat(results(prom.query(substitute("sum by (le) (increase(linkguard_icmp_rtt_seconds_bucket"
                    + "{instance=~\"$instance\",link=~\"$link\"}[$__rate_interval]))")))).hasSizeGreaterThan(10);

            assertRulesHealthy(prom);
        } finally {
            Cmd.run(List.of("rm", "-rf", state.toString()), 30);
        }
    }

    /** Comparisons and absent(): an empty result is their normal answer. */
    private static final Pattern FILTERS = Pattern.compile("==|!=|>|<|absent\\(");
    private static final Pattern TEMPLATE_ARG = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"%s\"");

    /** A rule template's query with each {@code label="%s"} set to this agent's value of that label. */
    static String fillTemplate(String format) {
        Map<String, String> values = Map.of("job", "linkguard", "instance", INSTANCE, "link", FullAgentConfig.LINK,
                "channel", FullAgentConfig.CHANNEL);
        Matcher m = TEMPLATE_ARG.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            assertThat(v).as("template argument for label %s in %s", m.group(1), format).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "=\"" + v + "\""));
        }
        m.appendTail(out);
        assertThat(out.toString()).as("a %%s not of the form label=\"%%s\" in %s", format).doesNotContain("%s");
        return out.toString();
    }

    private static boolean allHaveSeries(PrometheusServer prom, String promql) throws Exception {
        if (ObservabilityFiles.metricNames(promql).isEmpty()) {
            return false;
        }
        for (String name : ObservabilityFiles.metricNames(promql)) {
            if (results(prom.query("count(" + name + ")")).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Every rule group loaded, every rule evaluated at least once and without error. */
    private static void assertRulesHealthy(PrometheusServer prom) throws Exception {
        int expectedRules = ObservabilityFiles.rulesList().size();
        BfdInteropIT.await("every rule evaluated", Duration.ofSeconds(30), () -> rules(prom).stream()
                .filter(r -> !"unknown".equals(r.getString("health"))).count() == expectedRules);
        List<JsonObject> rules = rules(prom);
        assertThat(rules).hasSize(expectedRules);
        for (JsonObject r : rules) {
            assertThat(r.getString("health")).as(r.getString("name") + ": " + r.getString("lastError", ""))
                    .isEqualTo("ok");
        }
    }

    private static List<JsonObject> rules(PrometheusServer prom) throws Exception {
        JsonObject r = prom.api("/api/v1/rules", Map.of());
        assertThat(r.getString("status")).as(r.toString()).isEqualTo("success");
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue g : r.getJsonObject("data").getJsonArray("groups")) {
            g.asJsonObject().getJsonArray("rules").forEach(x -> out.add(x.asJsonObject()));
        }
        return out;
    }

    private static List<JsonObject> results(JsonObject answer) {
        if (!"success".equals(answer.getString("status"))) {
            throw new AssertionError("query failed: " + answer);
        }
        JsonObject data = answer.getJsonObject("data");
        if (!data.getString("resultType").equals("vector") && !data.getString("resultType").equals("matrix")) {
            return List.of(data);
        }
        return data.getJsonArray("result").getValuesAs(JsonObject.class);
    }

    private static String value(JsonObject vectorSample) {
        return vectorSample.getJsonArray("value").getString(1);
    }
}
