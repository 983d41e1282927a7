package io.linkguard.agent.config;

import java.util.Objects;

/**
 * The {@code agent:} section: settings of the agent process itself.
 *
 * @param listen where the HTTP server ({@code /metrics}) listens
 * @param node   the name of this node, used in metric labels and alerts
 */
public record AgentConfig(ListenAddress listen, String node) {

    /** The listen address used when {@code agent.listen} is not set. */
    public static final ListenAddress DEFAULT_LISTEN = ListenAddress.loopback(18784);

    public AgentConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(node, "node");
    }
}
