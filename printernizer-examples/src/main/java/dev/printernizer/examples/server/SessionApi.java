package dev.printernizer.examples.server;

import static dev.printernizer.examples.server.HttpIo.body;
import static dev.printernizer.examples.server.HttpIo.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.printernizer.examples.server.HttpIo.HttpError;
import java.io.IOException;

/** {@code /api/session}: signing a browser in with the server's token. */
final class SessionApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionApi() {}

  /**
   * {@code GET}: whether a token is needed and this browser has signed in; {@code POST
   * {"token": ...}}: signs in (a session cookie); {@code DELETE}: signs out.
   */
  static void handle(HttpExchange ex, String method, TokenAuth auth) throws IOException {
    switch (method) {
      case "POST": {
        JsonNode b = body(ex);
        if (!auth.configured()) {
          throw new HttpError(409, "this server has no token to sign in with");
        }
        if (!auth.matches(b.path("token").isTextual() ? b.path("token").asText() : null)) {
          throw new HttpError(401, "wrong token");
        }
        auth.startSession(ex);
        ex.sendResponseHeaders(204, -1);
        return;
      }
      case "DELETE":
        TokenAuth.endSession(ex);
        ex.sendResponseHeaders(204, -1);
        return;
      case "GET": {
        ObjectNode n = JSON.createObjectNode();
        n.put("token_required", auth.configured());
        n.put("token_for_reads", auth.forReads());
        n.put("signed_in", !auth.configured() || auth.accepts(ex));
        reply(ex, 200, n);
        return;
      }
      default:
        throw new HttpError(405, "use GET, POST or DELETE on the session");
    }
  }
}
