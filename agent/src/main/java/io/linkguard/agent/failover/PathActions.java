package io.linkguard.agent.failover;

import io.linkguard.agent.config.ActionConfig;
import io.linkguard.agent.config.ExecActionConfig;
import io.linkguard.agent.config.PathConfig;
import io.linkguard.agent.config.RouteActionConfig;

import java.util.List;
import java.util.Optional;

/** A path and the actions that move a link's traffic onto it, in order. */
public record PathActions(String name, List<Action> actions) {

    /**
     * @param redaction masks secrets in the actions' argv and output (shared, updated on reload)
     * @param routes    the kernel's routing tables, for route actions
     */
    public static PathActions of(String link, PathConfig path, HookRedaction redaction, RouteTable routes) {
        return new PathActions(path.name(),
                path.actions().stream().map(a -> action(link, path.name(), a, redaction, routes)).toList());
    }

    private static Action action(String link, String path, ActionConfig a, HookRedaction redaction,
                                 RouteTable routes) {
        return switch (a) {
            case RouteActionConfig r -> new RouteAction(link, path, r.prefixes(), r.via(), r.dev(), r.table(), routes);
            case ExecActionConfig e -> new ExecAction(link, path, e.argv(), e.env(), e.timeout(), redaction);
        };
    }

    /** This path's route actions. */
    public List<RouteAction> routeActions() {
        return actions.stream().filter(RouteAction.class::isInstance).map(RouteAction.class::cast).toList();
    }

    /** The path whose route actions all match the system's routes now, for reconciling after a restart. */
    public static Optional<String> currentlyActive(List<PathActions> paths) {
        for (PathActions p : paths) {
            List<RouteAction> routes = p.actions().stream().filter(RouteAction.class::isInstance)
                    .map(RouteAction.class::cast).toList();
            if (!routes.isEmpty() && routes.stream().allMatch(RouteAction::isActive)) {
                return Optional.of(p.name());
            }
        }
        return Optional.empty();
    }
}
