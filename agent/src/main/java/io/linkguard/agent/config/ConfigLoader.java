package io.linkguard.agent.config;

import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.AlertsParser;
import io.linkguard.config.ConfigException;
import io.linkguard.config.Field;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlDocument;
import io.linkguard.config.YamlValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates the linkguard config; see {@link Config} for the file format.
 *
 * <p>The YAML is composed into a node tree ({@link YamlDocument}) and bound section by section to the
 * keys the records declare, so that every problem is reported with the line of the offending node, and
 * all problems of a file are reported together, sorted by line, in one {@link ConfigException}.
 */
public final class ConfigLoader {

    /** {@link Config#source()} of {@link #embeddedDefault()}. */
    public static final String EMBEDDED_DEFAULT_SOURCE = "<embedded default>";
    /** Largest accepted config, in characters (and bytes, for files). */
    static final int MAX_DOCUMENT_SIZE = YamlDocument.MAX_DOCUMENT_SIZE;
    private static final String RESOURCE = "default.yml";
    private static final Pattern UNQUOTED_BRACKETED_IPV6 = Pattern.compile(":\\s+\\[[0-9a-fA-F.]*:[0-9a-fA-F:.]*\\]");

    private ConfigLoader() {
    }

    /**
     * Reads and validates a config file. Error messages name the file as given by {@code file}.
     *
     * @throws ConfigException listing every problem, including an unreadable or missing file
     */
    public static Config load(Path file) throws ConfigException {
        String name = file.toString();
        ConfigProblems problems = new ConfigProblems(name);
        String text = YamlDocument.read(file, problems);
        problems.throwIfAny();
        return parse(text, name);
    }

    /**
     * Parses and validates config text.
     *
     * @param sourceName the file name used in error messages and as {@link Config#source()}
     * @throws ConfigException listing every problem found
     */
    public static Config parse(String yamlText, String sourceName) throws ConfigException {
        ConfigProblems problems = new ConfigProblems(sourceName);
        String text = yamlText.startsWith("\uFEFF") ? yamlText.substring(1) : yamlText; // byte order mark
        Optional<Node> root = YamlDocument.compose(text, problems, ConfigLoader::hint);
        problems.throwIfAny();
        Config config = build(root, problems, sourceName);
        problems.throwIfAny();
        return config;
    }

    /**
     * The config used when none is given: monitor 127.0.0.1 with ICMP and with TCP to the agent's own
     * HTTP port, so it works on any host without other services.
     *
     * @throws IllegalStateException if the embedded resource is missing or invalid (a build bug)
     */
    public static Config embeddedDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), EMBEDDED_DEFAULT_SOURCE);
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException("the embedded default config is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * A hint for the classic mistake {@code listen: [::1]:18784}: unquoted, YAML reads the brackets as
     * a list and fails on the colons.
     */
    static String hint(String text, int line) {
        List<String> lines = text.lines().toList();
        if (line >= 1 && line <= lines.size() && UNQUOTED_BRACKETED_IPV6.matcher(lines.get(line - 1)).find()) {
            return " (put bracketed IPv6 addresses in quotes, e.g. listen: \"[::1]:18784\")";
        }
        return "";
    }

    private static Config build(Optional<Node> root, ConfigProblems problems, String source) {
        if (root.isEmpty() || YamlValues.isNull(root.get())) {
            problems.add(1, "links", "at least one link is required");
            return null;
        }
        Optional<Values> top = Config.SECTION.bind(Field.root(root.get()), problems,
                Map.of(Config.ALERTS, (Key.Reader<AlertsConfig>) (f, p) -> new AlertsParser(p, System.getenv()).parse(f)));
        if (top.isEmpty()) {
            return null;
        }
        if (top.get().field(Config.LINKS).isEmpty()) {
            problems.add(top.get().mapping().self().line(), "links", "at least one link is required");
            return null;
        }
        Optional<AgentConfig> agent = top.get().field(Config.AGENT).isPresent()
                ? top.get().get(Config.AGENT)
                : Optional.of(new AgentConfig(AgentConfig.DEFAULT_LISTEN, NameRules.defaultNodeName()));
        return agent.map(a -> new Config(a, top.get().value(Config.LINKS),
                top.get().get(Config.ALERTS), source)).orElse(null);
    }

    /** The {@code agent:} section; an empty section means all defaults. Empty if invalid. */
    static Optional<AgentConfig> agent(Field field, ConfigProblems problems) {
        if (YamlValues.isNull(field.node())) {
            return Optional.of(new AgentConfig(AgentConfig.DEFAULT_LISTEN, NameRules.defaultNodeName()));
        }
        return AgentConfig.SECTION.bind(field, problems).filter(Values::valid).map(v -> new AgentConfig(
                v.value(AgentConfig.LISTEN), v.get(AgentConfig.NODE).orElseGet(NameRules::defaultNodeName),
                v.get(AgentConfig.STATE_DIRECTORY).orElseGet(AgentConfig::defaultStateDirectory)));
    }
}
