package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.printernizer.api.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Moonraker's one-shot token: {@code GET /access/oneshot_token} with the API key gives a token
 * good for one connection (about 5 s), passed as {@code ?token=} for proxies that drop headers.
 */
final class OneShotToken {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OneShotToken() {}

  /**
   * @return the WebSocket URI with a fresh token
   */
  static CompletableFuture<URI> fetch(HttpClient client, URI httpBase, Secret key,
      URI socketUri) {
    HttpRequest req = HttpRequest.newBuilder(httpBase.resolve("/access/oneshot_token"))
        .timeout(Duration.ofSeconds(10)).header("X-Api-Key", key.reveal()).GET().build();
    return client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        throw new ConnectFailures.AuthRefused("Moonraker refused the API key for a one-shot"
            + " token (HTTP " + r.statusCode() + ")");
      }
      if (r.statusCode() != 200 || r.body().length() > 4096) {
        throw new IllegalStateException("no one-shot token: HTTP " + r.statusCode());
      }
      try {
        String token = JSON.readTree(r.body()).path("result").asText("");
        if (token.isEmpty() || !token.matches("[A-Za-z0-9_-]{8,512}")) {
          throw new IllegalStateException("no one-shot token in the answer");
        }
        return URI.create(socketUri + "?token=" + token);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("the one-shot token answer is not JSON");
      }
    });
  }
}
