package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a second {@code --demo} server on the same data directory used to overwrite the
 * running server's demo CA files before it failed on the database lock. Two processes.
 */
class SecondDemoServerTest {
  @TempDir
  Path dir;

  private Process server(Path data, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.printernizer.examples.server.ReferenceServer", "--demo", "--data", data.toString(),
        "--port", "0").redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Map<String, byte[]> caFiles(Path data) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(data)) {
      for (Path p : (Iterable<Path>) s.filter(p -> p.getFileName().toString()
          .startsWith("demo-ca-"))::iterator) {
        out.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void aSecondDemoServerLeavesTheRunningOnesFilesAloneAndSaysWhy() throws Exception {
    Path data = dir.resolve("data");
    Path logA = dir.resolve("a.log");
    Process a = server(data, logA);
    try {
      ServerHarness.await("the first server running", () -> {
        try {
          return Files.exists(logA) && Files.readString(logA).contains("Printernizer is running");
        } catch (java.io.IOException e) {
          return false;
        }
      });
      Map<String, byte[]> before = caFiles(data);
      assertEquals(2, before.size(), before.keySet().toString());
      Path logB = dir.resolve("b.log");
      Process b = server(data, logB);
      assertTrue(b.waitFor(60, TimeUnit.SECONDS), "the second server ends");
      String out = Files.readString(logB);
      assertEquals(2, b.exitValue(), out);
      assertTrue(out.contains("cannot open the job history in"), out);
      assertFalse(out.contains("\tat "), "no stack trace: " + out);
      Map<String, byte[]> after = caFiles(data);
      assertEquals(before.keySet(), after.keySet());
      for (String f : List.copyOf(before.keySet())) {
        assertArrayEquals(before.get(f), after.get(f), f + " was overwritten");
      }
      assertTrue(a.isAlive(), "the first server still runs");
    } finally {
      a.destroy();
      a.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
