package io.linkguard.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.linkguard.bfd.engine.BfdEngine;
import io.linkguard.bfd.engine.BfdSessionView;
import jakarta.json.JsonArrayBuilder;

import java.io.IOException;

import static io.linkguard.alerts.Jsons.JSON;

/** {@code GET /status/bfd}: every session as JSON, for {@code linkguard bfd show}. Never includes keys. */
public final class BfdStatusHandler implements HttpHandler {
    private final BfdEngine engine;

    public BfdStatusHandler(BfdEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (BfdSessionView v : engine.sessions()) {
            arr.add(BfdJson.session(v));
        }
        JsonResponse.send(ex, JSON.createObjectBuilder().add("sessions", arr).build());
    }
}
