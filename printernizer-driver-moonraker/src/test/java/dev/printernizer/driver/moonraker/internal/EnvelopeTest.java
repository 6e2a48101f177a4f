package dev.printernizer.driver.moonraker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

  @Test
  void notificationsTheDriverDoesNotUseAreSkippedInEitherSpacing() {
    assertTrue(Envelope.ignorable("{\"jsonrpc\":\"2.0\",\"method\":\"notify_proc_stat_update\","
        + "\"params\":[{\"cpu_temp\":45.1}]}"));
    // Python's json.dumps puts a space after each separator
    assertTrue(Envelope.ignorable("{\"jsonrpc\": \"2.0\", \"method\": \"notify_gcode_response\","
        + " \"params\": [\"// ok\"]}"));
  }

  @Test
  void usedNotificationsRepliesAndAnythingUnclearAreParsedInFull() {
    for (String used : Envelope.USED) {
      assertFalse(Envelope.ignorable("{\"jsonrpc\":\"2.0\",\"method\":\"" + used
          + "\",\"params\":[{}]}"), used);
    }
    assertFalse(Envelope.ignorable("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":3}"));
    // params before method: the envelope cannot tell without reading them, so it does not guess
    assertFalse(Envelope.ignorable("{\"params\":[{}],\"method\":\"notify_proc_stat_update\"}"));
    assertFalse(Envelope.ignorable("{\"jsonrpc\":\"2.0\",\"method\":7}"));
    assertFalse(Envelope.ignorable("{\"jsonrpc\":\"2.0\",\"method\":\"notify_"));
    assertFalse(Envelope.ignorable("[1,2]"));
    assertFalse(Envelope.ignorable("\u0000 not json"));
  }
}
