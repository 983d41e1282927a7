package io.linkguard.agent.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

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

    public AgentConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
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
