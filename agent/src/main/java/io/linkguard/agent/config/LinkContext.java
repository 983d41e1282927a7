package io.linkguard.agent.config;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What a probe parser may need to know about the link its probe belongs to. */
final class LinkContext {

    private final Optional<InetAddress> peer;
    private final Problems problems;
    private final Map<String, Integer> claimed = new HashMap<>();

    /** @param peer the link's peer, empty if it was missing or invalid */
    LinkContext(Optional<InetAddress> peer, Problems problems) {
        this.peer = peer;
        this.problems = problems;
    }

    Optional<InetAddress> peer() {
        return peer;
    }

    /**
     * Claims something that may exist only once per link, e.g. {@code "tcp probe to port 443"}; reports
     * a duplicate at {@code field} if it was already claimed.
     *
     * @return whether the claim succeeded
     */
    boolean claimUnique(String what, Field field) {
        Integer first = claimed.putIfAbsent(what, field.line());
        if (first != null) {
            problems.add(field, "duplicate " + what + " on this link (first at line " + first + ")");
            return false;
        }
        return true;
    }
}
