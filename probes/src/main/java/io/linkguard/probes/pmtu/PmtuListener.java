package io.linkguard.probes.pmtu;

/** Told the outcome of every search a {@link PmtuMonitor} runs, on the monitor's thread. */
@FunctionalInterface
public interface PmtuListener {
    void onSearch(String link, PmtuResult r);
}
