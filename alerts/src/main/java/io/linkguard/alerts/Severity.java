package io.linkguard.alerts;

import java.util.Locale;

/** How urgent an event is; Alertmanager's {@code severity} label. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** {@code info}, {@code warning}, {@code critical}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Severity ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
