package io.linkguard.agent.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator-facing files of the repository (Grafana dashboards, Prometheus
 * rules, the systemd unit) and the PromQL inside them: every expression a
 * dashboard panel, annotation or variable runs, every rule expression, and
 * the queries of the rules' annotation templates.
 */
final class ObservabilityFiles {
    static final List<String> DASHBOARDS = List.of("linkguard-fleet.json", "linkguard-link.json");

    /** One PromQL expression and where it came from, for failure messages. */
    record Expr(String where, String promql) {
    }

    /** The backtick-quoted format string of a {@code printf `...` ... | query} annotation template. */
    private static final Pattern TEMPLATE_QUERY = Pattern.compile("printf `([^`]*)`[^|}]*\\|\\s*query");
    private static final Pattern METRIC = Pattern.compile("\\b(linkguard_[a-zA-Z0-9_:]*)");

    private ObservabilityFiles() {
    }

    /** The repository root: failsafe and surefire set LINKGUARD_PROJECT_ROOT; the agent module's parent otherwise. */
    static Path root() {
        return Path.of(System.getenv().getOrDefault("LINKGUARD_PROJECT_ROOT", "..")).toAbsolutePath().normalize();
    }

    static Path rules() {
        return root().resolve("prometheus/rules/linkguard.rules.yml");
    }

    static Path ruleTests() {
        return root().resolve("prometheus/rules/linkguard.rules.test.yml");
    }

    static Path scrapeConfig() {
        return root().resolve("prometheus/prometheus.yml");
    }

    static Path unit() {
        return root().resolve("systemd/linkguard.service");
    }

    static Path dashboard(String file) {
        return root().resolve("grafana-dashboards").resolve(file);
    }

    static JsonObject readDashboard(String file) throws IOException {
        try (JsonReader r = Json.createReader(new StringReader(Files.readString(dashboard(file))))) {
            return r.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    /** Every panel, with the panels nested in collapsed rows. */
    static List<JsonObject> panels(JsonObject dashboard) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : dashboard.getJsonArray("panels")) {
            JsonObject p = v.asJsonObject();
            out.add(p);
            if (p.containsKey("panels")) {
                p.getJsonArray("panels").forEach(n -> out.add(n.asJsonObject()));
            }
        }
        return out;
    }

    static List<JsonObject> variables(JsonObject dashboard) {
        return dashboard.getJsonObject("templating").getJsonArray("list").stream().map(JsonValue::asJsonObject)
                .toList();
    }

    /** A query variable's query text: Grafana 10+ stores {"query": "..."}, older models a bare string. */
    static String variableQuery(JsonObject variable) {
        JsonValue q = variable.get("query");
        if (q == null) {
            return "";
        }
        return q.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) q).getString()
                : q.asJsonObject().getString("query", "");
    }

    /** Panel targets' and annotations' expressions of one dashboard (variables are label_values(), not PromQL). */
    static List<Expr> dashboardExprs(String file) throws IOException {
        JsonObject d = readDashboard(file);
        List<Expr> out = new ArrayList<>();
        for (JsonObject p : panels(d)) {
            JsonArray targets = p.getJsonArray("targets");
            if (targets == null) {
                continue;
            }
            for (JsonValue t : targets) {
                out.add(new Expr(file + " panel " + p.getInt("id") + " \"" + p.getString("title", "") + "\" target "
                        + t.asJsonObject().getString("refId", "?"), t.asJsonObject().getString("expr", "")));
            }
        }
        for (JsonValue a : d.getJsonObject("annotations").getJsonArray("list")) {
            JsonObject ann = a.asJsonObject();
            if (ann.containsKey("expr")) {
                out.add(new Expr(file + " annotation \"" + ann.getString("name") + "\"", ann.getString("expr")));
            }
        }
        return out;
    }

    /** The selector and label of each {@code label_values(selector, label)} variable query. */
    record LabelValues(String where, String variable, String selector, String label) {
    }

    static List<LabelValues> dashboardVariables(String file) throws IOException {
        Pattern lv = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
        List<LabelValues> out = new ArrayList<>();
        for (JsonObject v : variables(readDashboard(file))) {
            if (!"query".equals(v.getString("type"))) {
                continue;
            }
            Matcher m = lv.matcher(variableQuery(v));
            if (!m.matches()) {
                throw new AssertionError(file + " variable " + v.getString("name") + ": not label_values(selector, label): "
                        + variableQuery(v));
            }
            out.add(new LabelValues(file + " variable " + v.getString("name"), v.getString("name"), m.group(1),
                    m.group(2)));
        }
        return out;
    }

    /** Every alerting or recording rule: name and expression. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rulesList() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object g : (List<Object>) readYaml(rules()).get("groups")) {
            out.addAll((List<Map<String, Object>>) ((Map<String, Object>) g).get("rules"));
        }
        return out;
    }

    static List<Expr> ruleExprs() throws IOException {
        List<Expr> out = new ArrayList<>();
        for (Map<String, Object> r : rulesList()) {
            out.add(new Expr("rule " + r.get("alert"), String.valueOf(r.get("expr"))));
        }
        return out;
    }

    /**
     * The queries of the rules' annotation templates, as printf formats with
     * their {@code %s} placeholders still in: {@code printf `FORMAT` args | query}.
     */
    @SuppressWarnings("unchecked")
    static List<Expr> ruleTemplateQueries() throws IOException {
        List<Expr> out = new ArrayList<>();
        for (Map<String, Object> r : rulesList()) {
            Map<String, Object> ann = (Map<String, Object>) r.getOrDefault("annotations", Map.of());
            for (Map.Entry<String, Object> e : ann.entrySet()) {
                Matcher m = TEMPLATE_QUERY.matcher(String.valueOf(e.getValue()));
                while (m.find()) {
                    out.add(new Expr("rule " + r.get("alert") + " annotation " + e.getKey(), m.group(1)));
                }
            }
        }
        return out;
    }

    /** Every PromQL text the operator files run, with where each comes from. */
    static List<Expr> allPromQl() throws IOException {
        List<Expr> out = new ArrayList<>();
        for (String d : DASHBOARDS) {
            out.addAll(dashboardExprs(d));
            for (LabelValues v : dashboardVariables(d)) {
                out.add(new Expr(v.where(), v.selector()));
            }
        }
        out.addAll(ruleExprs());
        out.addAll(ruleTemplateQueries());
        return out;
    }

    /** The linkguard metric names an expression mentions (label names and values never start with linkguard_). */
    static TreeSet<String> metricNames(String promql) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
