package io.linkguard.agent.http;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A 200 response with a JSON document, as both status handlers send it. */
final class JsonResponse {
    private JsonResponse() {
    }

    static void send(HttpExchange ex, JsonObject document) throws IOException {
        byte[] body = document.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }
}
