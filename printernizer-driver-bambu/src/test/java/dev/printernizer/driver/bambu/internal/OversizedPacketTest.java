package dev.printernizer.driver.bambu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anything answering on a printer's address announces a 250 MB PUBLISH and streams it: the
 * driver, in a JVM with a 64 MiB heap, must drop the connection after the fixed header instead of
 * buffering the packet, and report {@code OVERSIZED_MESSAGE}.
 */
class OversizedPacketTest {
  private static final Pattern OOM = Pattern.compile("OutOf\\w*MemoryError");
  @TempDir
  Path dir;

  @Test
  void aHugePublishIsRefusedAtTheTransportAndReported() throws Exception {
    try (FakeMqttBroker broker = FakeMqttBroker.start(FakeMqttBroker.Script.OVERSIZED)) {
      Path out = dir.resolve("child.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:MaxDirectMemorySize=64m",
          "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
          OversizedPacketChild.class.getName(), String.valueOf(broker.port()), "45"))
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean ended = child.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String log = Files.readString(out, StandardCharsets.UTF_8);
      assertTrue(ended, "the child JVM did not end:\n" + log);
      assertFalse(OOM.matcher(log).find(), "the child ran out of memory:\n" + log);
      assertEquals(0, child.exitValue(), "no OVERSIZED_MESSAGE reported:\n" + log);
      assertTrue(log.contains("PROBLEM oversized_message"), log);
      assertTrue(broker.streamed() < 16L << 20, "the driver kept reading: "
          + broker.streamed() + " bytes\n" + log);
    }
  }
}
