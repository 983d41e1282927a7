package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section;
import io.linkguard.config.YamlValues;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code agent:} section: settings of the agent process itself.
 *
 * @param listen         where the HTTP server ({@code /metrics}) listens
 * @param node           the name of this node, used in metric labels and alerts
 * @param stateDirectory where the agent keeps state across restarts (the alert spool); absolute
 */
public record AgentConfig(ListenAddress listen, String node, Path stateDirectory) {

    /** The listen address used when {@code agent.listen} is not set. */
    public static final ListenAddress DEFAULT_LISTEN = ListenAddress.loopback(18784);
    /** The state directory when neither {@code agent.state_directory} nor {@code $STATE_DIRECTORY} is set. */
    public static final Path FALLBACK_STATE_DIRECTORY = Path.of("/var/lib/linkguard");

    static final Key<ListenAddress> LISTEN = Key.of("listen", DEFAULT_LISTEN, IpLiterals::readListen,
            Json.object("type", "string", "default", "127.0.0.1:18784"),
            "where the HTTP server (/metrics) listens: IP:port, IPv6 as \"[::1]:18784\"; no host names");
    static final Key<String> NODE = Key.of("node", null, NameRules::readNodeName, Json.object("type", "string",
            "pattern", "^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$"), "the name of this node; default: the kernel host name");
    static final Key<Path> STATE_DIRECTORY = Key.of("state_directory", null, AgentConfig::readStateDirectory,
            Json.object("type", "string", "pattern", "^/"),
            "state kept across restarts (the alert spool); absolute; default: $STATE_DIRECTORY, else /var/lib/linkguard");
    static final Section SECTION = new Section("", LISTEN, NODE, STATE_DIRECTORY);

    public AgentConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
    }

    /** An absolute path; created (if missing) and checked for writability when the alert spool starts. */
    private static Optional<Path> readStateDirectory(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).flatMap(text -> {
            if (!text.startsWith("/") || text.indexOf('\0') >= 0) {
                problems.add(field, "must be an absolute path (got " + YamlValues.quote(text) + ")");
                return Optional.empty();
            }
            return Optional.of(Path.of(text));
        });
    }

    /** With the default state directory ({@link #defaultStateDirectory()}). */
    public AgentConfig(ListenAddress listen, String node) {
        this(listen, node, defaultStateDirectory());
    }

    /** The state directory used when {@code agent.state_directory} is not set, from this process's environment. */
    public static Path defaultStateDirectory() {
        return defaultStateDirectory(System.getenv());
    }

    /**
     * {@code $STATE_DIRECTORY} if set and absolute, else {@code /var/lib/linkguard}. systemd sets the
     * variable for units with {@code StateDirectory=} (systemd.exec(5)); with several directories it is
     * a colon-separated list, and the first one is ours.
     */
    static Path defaultStateDirectory(Map<String, String> env) {
        String fromSystemd = env.get("STATE_DIRECTORY");
        if (fromSystemd != null && !fromSystemd.isBlank()) {
            String first = fromSystemd.split(":", -1)[0].strip();
            if (first.startsWith("/")) {
                return Path.of(first);
            }
        }
        return FALLBACK_STATE_DIRECTORY;
    }
}
