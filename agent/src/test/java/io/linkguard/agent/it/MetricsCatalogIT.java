package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric a dashboard or an alert rule names exists in a real agent's
 * /metrics, in the form the query uses: histograms as _bucket/_sum/_count,
 * counters as _total. The agent is the packaged jar with every feature on
 * ({@link FullAgentConfig}), in a namespace. One test per feature, so a
 * feature whose metrics are not wired yet fails alone and by name.
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsCatalogIT {
    private static final int PORT = 18784;

    /** Metric name prefix to the feature that exports it; anything else is the core agent. */
    private static final Map<String, String> FEATURES = Map.of(
            "linkguard_alert", "alerts", "linkguard_path_mtu_", "pmtu", "linkguard_config_", "reload");

    private TwoHosts hosts;
    private AgentProcess agent;
    private Path state;
    private MetricFamilies families;

    @BeforeAll
    void startTheAgentWithEverythingOn() throws Exception {
        Privileged.assumeRoot();
        hosts = new TwoHosts();
        state = Files.createTempDirectory("linkguard-state");
        agent = new AgentProcess(hosts.agentNs, FullAgentConfig.yaml(PORT, state), PORT);
        agent.awaitStarted(Duration.ofSeconds(30));
        // Counters created on the first result; wait for the probes to have run.
        String replies = "linkguard_icmp_replies_total{link=\"" + FullAgentConfig.LINK + "\",target=\""
                + TwoHosts.PEER_V4 + "\"}";
        BfdInteropIT.await("ICMP replies; agent said:\n" + agent.output(), Duration.ofSeconds(30),
                () -> agent.scrape().get(replies) >= 3);
        families = MetricFamilies.parse(agent.scrapeRaw());
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        if (state != null) {
            Cmd.run(List.of("rm", "-rf", state.toString()), 30);
        }
    }

    /** Every linkguard metric name the operator files use, with one place each is used. */
    private static Map<String, String> usedNames() throws Exception {
        Map<String, String> used = new TreeMap<>();
        for (ObservabilityFiles.Expr e : ObservabilityFiles.allPromQl()) {
            for (String name : ObservabilityFiles.metricNames(e.promql())) {
                used.putIfAbsent(name, e.where());
            }
        }
        return used;
    }

    private static String feature(String name) {
        return FEATURES.entrySet().stream().filter(f -> name.startsWith(f.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("core");
    }

    private void assertFeatureExported(String feature) throws Exception {
        List<String> problems = new ArrayList<>();
        TreeSet<String> checked = new TreeSet<>();
        for (Map.Entry<String, String> u : usedNames().entrySet()) {
            if (!feature(u.getKey()).equals(feature)) {
                continue;
            }
            checked.add(u.getKey());
            families.problem(u.getKey()).ifPresent(p -> problems.add(u.getKey() + ": " + p + " (used in " + u.getValue() + ")"));
        }
        assertThat(checked).as("names of feature %s in the dashboards and rules", feature).isNotEmpty();
        assertThat(problems).as("%s metrics used by dashboards/rules but not exported by the agent with "
                + "FullAgentConfig; the agent exported these families: %s", feature, families.families()).isEmpty();
    }

    @Test
    void theFilesNameEnoughMetricsForTheCheckToMeanSomething() throws Exception {
        Map<String, String> used = usedNames();
        assertThat(used.size()).as("%s", used.keySet()).isGreaterThan(40);
        assertThat(used).containsKeys("linkguard_icmp_rtt_seconds_bucket", "linkguard_link_state",
                "linkguard_bfd_session_transitions_total", "linkguard_probe_schedule_lag_seconds_count");
    }

    @Test
    void coreMetricsAreExported() throws Exception {
        assertFeatureExported("core");
    }

    @Test
    void alertDeliveryMetricsAreExported() throws Exception {
        assertFeatureExported("alerts");
    }

    @Test
    void pathMtuMetricsAreExported() throws Exception {
        assertFeatureExported("pmtu");
    }

    @Test
    void configReloadMetricsAreExported() throws Exception {
        assertFeatureExported("reload");
    }
}
