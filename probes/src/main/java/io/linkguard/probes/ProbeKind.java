package io.linkguard.probes;

import java.util.Locale;

/** The kinds of probe linkguard runs. The label value is the lower-case name. */
public enum ProbeKind {
    ICMP, TCP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
