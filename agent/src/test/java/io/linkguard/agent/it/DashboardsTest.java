package io.linkguard.agent.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structural checks of the Grafana dashboards, since no Grafana runs in CI:
 * the JSON model Grafana 10/11 provisions, variables, one data source
 * variable everywhere, panel ids and layout, and a query in every target.
 * (That the queries run is PrometheusScrapeIT's job; that their metrics
 * exist, MetricsCatalogIT's.)
 */
class DashboardsTest {
    static final List<String> DASHBOARDS = ObservabilityFiles.DASHBOARDS;
    private static final String DS_UID = "${datasource}";

    @ParameterizedTest
    @FieldSource("DASHBOARDS")
    void isAGrafanaTenDashboardWithAFixedUid(String file) throws Exception {
        JsonObject d = ObservabilityFiles.readDashboard(file);
        assertThat(d.getInt("schemaVersion")).isEqualTo(39);
        assertThat(d.getString("uid")).matches("[a-z0-9-]{1,40}").isEqualTo(file.replace(".json", ""));
        assertThat(d.getString("title")).isNotBlank();
        // A provisioned dashboard must not carry a database id.
        assertThat(d.containsKey("id") && d.get("id").getValueType() != JsonValue.ValueType.NULL).isFalse();
        assertThat(d.containsKey("__inputs")).as("import-time inputs would need a data source uid").isFalse();
    }

    @ParameterizedTest
    @FieldSource("DASHBOARDS")
    void hasTheDatasourceNodeAndLinkVariables(String file) throws Exception {
        Map<String, JsonObject> vars = ObservabilityFiles.variables(ObservabilityFiles.readDashboard(file)).stream()
                .collect(Collectors.toMap(v -> v.getString("name"), v -> v));
        assertThat(vars).containsKeys("datasource", "node", "link");
        JsonObject ds = vars.get("datasource");
        assertThat(ds.getString("type")).isEqualTo("datasource");
        assertThat(ds.getString("query")).isEqualTo("prometheus");
        for (String name : List.of("node", "link")) {
            JsonObject v = vars.get(name);
            assertThat(v.getString("type")).as(name).isEqualTo("query");
            assertThat(ObservabilityFiles.variableQuery(v)).as(name).startsWith("label_values(").contains(", " + name + ")");
            assertThat(v.getJsonObject("datasource").getString("uid")).as(name).isEqualTo(DS_UID);
        }
    }

    @ParameterizedTest
    @FieldSource("DASHBOARDS")
    void everyPanelAndQueryUsesTheDatasourceVariable(String file) throws Exception {
        JsonObject d = ObservabilityFiles.readDashboard(file);
        for (JsonObject p : ObservabilityFiles.panels(d)) {
            String what = file + " panel " + p.getInt("id") + " " + p.getString("title", "");
            assertThat(p.getJsonObject("datasource")).as(what).isNotNull();
            assertThat(p.getJsonObject("datasource").getString("uid")).as(what).isEqualTo(DS_UID);
            if (p.containsKey("targets")) {
                for (JsonValue t : p.getJsonArray("targets")) {
                    assertThat(t.asJsonObject().getJsonObject("datasource").getString("uid")).as(what).isEqualTo(DS_UID);
                }
            }
        }
        // Anywhere else (variables, annotations): only the variable, or Grafana's own built-in annotation source.
        List<String> uids = new ArrayList<>();
        collectDatasourceUids(d, uids);
        assertThat(uids).isNotEmpty().allSatisfy(uid -> assertThat(uid).isIn(DS_UID, "-- Grafana --"));
    }

    private static void collectDatasourceUids(JsonValue v, List<String> out) {
        if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            for (Map.Entry<String, JsonValue> e : v.asJsonObject().entrySet()) {
                if (e.getKey().equals("datasource") && e.getValue().getValueType() == JsonValue.ValueType.OBJECT) {
                    out.add(e.getValue().asJsonObject().getString("uid", "<none>"));
                } else if (e.getKey().equals("datasource") && e.getValue().getValueType() == JsonValue.ValueType.STRING) {
                    out.add("<string " + e.getValue() + ">");
                }
                collectDatasourceUids(e.getValue(), out);
            }
        } else if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            v.asJsonArray().forEach(x -> collectDatasourceUids(x, out));
        }
    }

    @ParameterizedTest
    @FieldSource("DASHBOARDS")
    void panelIdsAreUniqueAndEveryPanelHasAPlaceOnTheGrid(String file) throws Exception {
        List<JsonObject> panels = ObservabilityFiles.panels(ObservabilityFiles.readDashboard(file));
        assertThat(panels).hasSizeGreaterThan(5);
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonObject p : panels) {
            int id = p.getInt("id");
            assertThat(ids.add(id)).as("%s: duplicate panel id %d", file, id).isTrue();
            JsonObject g = p.getJsonObject("gridPos");
            assertThat(g).as("%s panel %d gridPos", file, id).isNotNull();
            int x = g.getInt("x");
            int y = g.getInt("y");
            int w = g.getInt("w");
            int h = g.getInt("h");
            assertThat(w).as("%s panel %d width", file, id).isBetween(1, 24);
            assertThat(h).as("%s panel %d height", file, id).isPositive();
            assertThat(x).as("%s panel %d x", file, id).isBetween(0, 24 - w);
            assertThat(y).as("%s panel %d y", file, id).isNotNegative();
            for (int[] b : boxes) {
                boolean overlap = x < b[1] + b[3] && b[1] < x + w && y < b[2] + b[4] && b[2] < y + h;
                assertThat(overlap).as("%s: panel %d overlaps panel %d", file, id, b[0]).isFalse();
            }
            boxes.add(new int[] {id, x, y, w, h});
        }
    }

    @ParameterizedTest
    @FieldSource("DASHBOARDS")
    void everyQueryHasAnExpressionAndAUniqueRefId(String file) throws Exception {
        for (JsonObject p : ObservabilityFiles.panels(ObservabilityFiles.readDashboard(file))) {
            if (p.getString("type").equals("row")) {
                continue;
            }
            String what = file + " panel " + p.getInt("id") + " " + p.getString("title", "");
            assertThat(p.getJsonArray("targets")).as(what).isNotNull().isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonValue t : p.getJsonArray("targets")) {
                assertThat(t.asJsonObject().getString("expr", "")).as(what).isNotBlank();
                assertThat(refIds.add(t.asJsonObject().getString("refId", ""))).as(what + " refId").isTrue();
            }
        }
        assertThat(ObservabilityFiles.dashboardExprs(file)).allSatisfy(e -> assertThat(e.promql()).as(e.where())
                .isNotBlank().contains("linkguard_"));
    }

    @ParameterizedTest
    @FieldSource("DASHBOARDS")
    void queriesUseOnlyVariablesTheDashboardDefines(String file) throws Exception {
        JsonObject d = ObservabilityFiles.readDashboard(file);
        Set<String> known = ObservabilityFiles.variables(d).stream().map(v -> v.getString("name"))
                .collect(Collectors.toCollection(HashSet::new));
        known.addAll(List.of("__rate_interval", "__interval", "__range"));
        for (ObservabilityFiles.Expr e : ObservabilityFiles.dashboardExprs(file)) {
            var m = java.util.regex.Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)").matcher(e.promql());
            while (m.find()) {
                assertThat(m.group(1)).as(e.where() + ": " + e.promql()).isIn(known);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("DASHBOARDS")
    void showsTheViewsTheIssueAsksFor(String file) throws Exception {
        String all = ObservabilityFiles.dashboardExprs(file).stream().map(ObservabilityFiles.Expr::promql)
                .collect(Collectors.joining("\n"));
        if (file.equals("linkguard-fleet.json")) {
            assertThat(all).contains("linkguard_link_state", "linkguard_link_active_path", "linkguard_failover_active",
                    "linkguard_icmp_rtt_seconds_bucket", "linkguard_probe_loss_ratio", "linkguard_link_transitions_total");
            assertThat(types(file)).contains("state-timeline", "table", "stat", "timeseries");
        } else {
            assertThat(all).contains("linkguard_icmp_rtt_seconds_bucket", "linkguard_probe_jitter_seconds",
                    "linkguard_bfd_session_state", "linkguard_bfd_session_transitions_total", "linkguard_path_mtu_bytes",
                    "linkguard_path_mtu_expected_bytes", "linkguard_path_mtu_black_hole", "linkguard_action_runs_total",
                    "linkguard_alerts_sent_total", "linkguard_alerts_failed_total", "linkguard_alert_queue_depth");
            assertThat(types(file)).contains("heatmap", "state-timeline", "stat", "timeseries");
            JsonObject heatmap = ObservabilityFiles.panels(ObservabilityFiles.readDashboard(file)).stream()
                    .filter(p -> p.getString("type").equals("heatmap")).findFirst().orElseThrow();
            // Prometheus buckets are pre-computed: Grafana must not re-bucket them.
            assertThat(heatmap.getJsonObject("options").getBoolean("calculate")).isFalse();
            assertThat(heatmap.getJsonArray("targets").getJsonObject(0).getString("format")).isEqualTo("heatmap");
        }
    }

    private static Set<String> types(String file) throws Exception {
        return ObservabilityFiles.panels(ObservabilityFiles.readDashboard(file)).stream().map(p -> p.getString("type"))
                .collect(Collectors.toSet());
    }
}
