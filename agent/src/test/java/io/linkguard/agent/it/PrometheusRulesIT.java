package io.linkguard.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus files under prometheus/ through promtool (Debian package
 * "prometheus"): the rules compile, the example scrape config and the rule
 * files it names are valid, and the rules' unit tests pass. Also that those
 * unit tests cover every rule both firing and not firing, and that every rule
 * carries what an on-call engineer needs.
 */
class PrometheusRulesIT {
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    /** What an alert about these metrics is about, by metric name prefix: its summary or description names it. */
    private static final Map<String, List<String>> SUBJECTS = Map.of(
            "linkguard_link_", List.of("link"), "linkguard_failover_", List.of("link"),
            "linkguard_action_", List.of("link"), "linkguard_path_mtu_", List.of("link"),
            "linkguard_bfd_session_", List.of("link", "peer"), "linkguard_alert", List.of("channel"));

    private static Cmd.Result promtool(String... args) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/promtool"))) {
            throw new AssertionError("/usr/bin/promtool not found: apt-get install prometheus (.ci/run does)");
        }
        List<String> argv = new ArrayList<>(List.of("/usr/bin/promtool"));
        argv.addAll(List.of(args));
        return Cmd.run(argv, 120);
    }

    @Test
    void rulesPassPromtoolCheck() throws Exception {
        Cmd.Result r = promtool("check", "rules", ObservabilityFiles.rules().toString());
        assertThat(r.exit()).as("promtool check rules:%n%s", r.out()).isZero();
        assertThat(r.out()).contains("SUCCESS");
    }

    @Test
    void exampleScrapeConfigPassesPromtoolCheck() throws Exception {
        // rule_files in the example are relative to the config file, which promtool resolves itself.
        Cmd.Result r = promtool("check", "config", ObservabilityFiles.scrapeConfig().toString());
        assertThat(r.exit()).as("promtool check config:%n%s", r.out()).isZero();
        assertThat(r.out()).as("the example must load the rules").contains("1 rule files found")
                .contains(ObservabilityFiles.rules().getFileName().toString());
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        Cmd.Result r = promtool("test", "rules", ObservabilityFiles.ruleTests().toString());
        assertThat(r.exit()).as("promtool test rules:%n%s", r.out()).isZero();
        assertThat(r.out()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleIsTestedFiringAndNotFiring() throws Exception {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Object t : (List<Object>) ObservabilityFiles.readYaml(ObservabilityFiles.ruleTests()).get("tests")) {
            for (Object c : (List<Object>) ((Map<String, Object>) t).getOrDefault("alert_rule_test", List.of())) {
                Map<String, Object> tc = (Map<String, Object>) c;
                List<Object> exp = (List<Object>) tc.get("exp_alerts");
                (exp == null || exp.isEmpty() ? quiet : fires).add(String.valueOf(tc.get("alertname")));
            }
        }
        List<String> alerts = ObservabilityFiles.rulesList().stream().map(r -> String.valueOf(r.get("alert"))).toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
        assertThat(fires).as("rules with a firing test case").containsAll(alerts);
        assertThat(quiet).as("rules with a not-firing test case").containsAll(alerts);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleHasASeverityAndNamesWhatAndWhere() throws Exception {
        for (Map<String, Object> rule : ObservabilityFiles.rulesList()) {
            String name = String.valueOf(rule.get("alert"));
            assertThat(name).as("alerting rules only, named Linkguard*").startsWith("Linkguard");
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            assertThat(labels).as(name).isNotNull();
            assertThat(String.valueOf(labels.get("severity"))).as(name + " severity").isIn(SEVERITIES);
            Map<String, Object> ann = (Map<String, Object>) rule.get("annotations");
            assertThat(ann).as(name).containsKeys("summary", "description", "runbook");
            String text = ann.get("summary") + " " + ann.get("description");
            String expr = String.valueOf(rule.get("expr"));
            // Where: the agent (node or instance), unless the alert is that there is none;
            // what: the link, session or channel where the rule is about one.
            if (!expr.startsWith("absent(")) {
                assertThat(text).as(name).containsAnyOf("$labels.node", "$labels.instance");
            }
            SUBJECTS.forEach((metricPrefix, labelsNamed) -> {
                if (expr.contains(metricPrefix)) {
                    for (String label : labelsNamed) {
                        assertThat(text).as(name + " names its " + label).contains("$labels." + label);
                    }
                }
            });
        }
    }
}
