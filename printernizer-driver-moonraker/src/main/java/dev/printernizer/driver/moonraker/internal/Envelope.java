package dev.printernizer.driver.moonraker.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/**
 * A look at a message's JSON-RPC envelope before it is parsed: Moonraker pushes notifications
 * this driver does not use (process statistics once a second to every client, G-code responses,
 * file and announcement changes), and parsing each into a tree would be most of the driver's
 * work on an idle farm. Reads top-level fields with a streaming parser until {@code method};
 * Moonraker writes {@code jsonrpc} and {@code method} before {@code params}, so this stops after
 * a few dozen bytes. Anything it cannot decide (a reply, a malformed message, {@code params}
 * first) is parsed in full as before. Thread-safe.
 */
final class Envelope {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** The notifications the driver acts on. */
  static final Set<String> USED = Set.of("notify_status_update", "notify_klippy_shutdown",
      "notify_klippy_disconnected", "notify_klippy_ready", "notify_history_changed");

  private Envelope() {}

  /**
   * @param text one message
   * @return true if it is a notification whose method the driver does not use
   */
  static boolean ignorable(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("method")) {
          return value == JsonToken.VALUE_STRING && !USED.contains(p.getText());
        }
        if (!field.equals("jsonrpc")) {
          return false; // params, result, id or error first: decide on the whole message
        }
        p.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false; // the full parse reports it
    }
  }
}
