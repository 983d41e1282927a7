package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.ConfigProblems;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a probe's rules may need to know about the link it belongs to.
 *
 * @param peer        the link's peer, empty if it was missing or invalid
 * @param sourceGiven whether the link has a {@code source} key at all (an invalid one is reported already)
 * @param iface       the link's {@code interface}, if it has a valid one
 * @param claimed     what may exist only once per link, to the line where it was first claimed
 */
record LinkContext(Optional<InetAddress> peer, boolean sourceGiven, ConfigProblems problems, Optional<String> iface,
                   Map<String, Integer> claimed) {

    LinkContext(Optional<InetAddress> peer, boolean sourceGiven, ConfigProblems problems, Optional<String> iface) {
        this(peer, sourceGiven, problems, iface, new HashMap<>());
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
