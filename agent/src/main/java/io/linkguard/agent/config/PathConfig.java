package io.linkguard.agent.config;

import io.linkguard.config.Key;
import io.linkguard.config.Section;
import java.util.List;
import java.util.Objects;

/**
 * One path a link's traffic can take ({@code links[].paths[]}). The first path of a link is the primary
 * (the tunnel), the second the backup, further ones later tiers.
 *
 * <pre>
 * paths:
 *   - name: tunnel
 *     actions:
 *       - type: route              # ip route replace PREFIX [via VIA] [dev DEV] [table TABLE]
 *         prefixes: [10.20.0.0/16]
 *         via: 10.255.0.2          # at least one of via and dev
 *         dev: gre-sg
 *         table: main              # optional: a name or a number
 *       - type: exec               # run without a shell; killed with its process group at the timeout
 *         argv: [/usr/local/bin/notify, --to, tunnel]
 *         timeout: 5s              # default 10s, 1s..10m
 *   - name: proxy
 *     actions:
 *       - type: route
 *         prefixes: [10.20.0.0/16]
 *         via: 192.0.2.1
 * </pre>
 *
 * @param name    unique within the link, like a link name: {@code [a-z0-9][a-z0-9_.-]{0,62}}
 * @param actions what makes traffic take this path, run in order; at least one
 */
public record PathConfig(String name, List<ActionConfig> actions) {

    public PathConfig {
        Objects.requireNonNull(name, "name");
        actions = List.copyOf(actions);
    }

    /** Path names end up as metric label values, like link names; unique within the link ({@link PathParser}). */
    static final Key<String> NAME = Key.text("name", null, "unique within the link, like a link name").required();
    /** Read by {@link PathParser}: each action's keys depend on its type. */
    static final Key<List<ActionConfig>> ACTIONS = Key.<List<ActionConfig>>of("actions", null, null,
            Key.listOf(ActionParser.schema(), 1), "what makes traffic take this path, run in order").readByCaller()
            .required();
    static final Section SECTION = new Section(" for a path", NAME, ACTIONS);
}
