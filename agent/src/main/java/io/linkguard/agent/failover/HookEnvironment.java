package io.linkguard.agent.failover;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole environment of a hook (and of {@code ip}): nothing is inherited from the agent, whose
 * environment may hold channel secrets ({@code token_env}, {@code url_env}, ...). A hook sees, in
 * this order of precedence (later wins):
 * <ol>
 *   <li>{@code PATH=/usr/sbin:/usr/bin:/sbin:/bin} and {@code LANG=C.UTF-8};</li>
 *   <li>the action's {@code env:} map from the config, literally (no expansion; it may override
 *       PATH and LANG; LINKGUARD_* names are rejected by the config loader);</li>
 *   <li>the LINKGUARD_* variables describing the event ({@link ActionContext#environment()}).</li>
 * </ol>
 */
public final class HookEnvironment {
    public static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    public static final String LANG = "C.UTF-8";

    private HookEnvironment() {
    }

    /** The environment for a command run with {@code configured} from the config and {@code event}. */
    static Map<String, String> of(Map<String, String> configured, Map<String, String> event) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("LANG", LANG);
        env.putAll(configured);
        env.putAll(event);
        return env;
    }

    /** The environment of a command that needs no event: {@code ip}. */
    static Map<String, String> base() {
        return of(Map.of(), Map.of());
    }
}
