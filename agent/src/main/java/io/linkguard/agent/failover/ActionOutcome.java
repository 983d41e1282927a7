package io.linkguard.agent.failover;

import java.util.Locale;

/** How one action run ended. The label is a metric label value. */
public enum ActionOutcome {
    OK, FAILED, TIMEOUT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
