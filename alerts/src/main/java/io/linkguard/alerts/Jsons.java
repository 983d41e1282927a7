package io.linkguard.alerts;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON provider of the agent. {@code jakarta.json.Json.createObjectBuilder()} and its siblings look
 * the provider up anew on every call: a {@link java.util.ServiceLoader} scan that reads
 * {@code META-INF/services} out of the jar, and a new provider with its own empty buffer pool. In the soak
 * (bench/soak, 20 links) that was over half of what the alert thread allocated (~2 MB/s while the endpoint
 * was down, the spool rewriting its open group per event) and bursts of young GCs that promoted garbage
 * into the old generation. Parsson's provider is thread-safe, so one shared instance serves every thread.
 */
public final class Jsons {
    /** Use in place of {@code jakarta.json.Json}: {@code JSON.createObjectBuilder()}. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }
}
