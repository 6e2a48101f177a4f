package dev.printernizer.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a harness's {@code main} in a JVM of its own (this class path, G1, warn-level logging)
 * and reads the one line of JSON it prints after a marker; the rest of its output is echoed,
 * indented. A run that fails, prints no result or takes longer than its limit (it is then
 * stopped) answers null, so one failed point does not throw away the rest of a long run.
 */
final class ForkedJvm {
  private ForkedJvm() {}

  static <T> T run(Class<?> main, String heap, List<String> args, String marker, Class<T> type,
      Duration limit) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
        "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
        System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread killer = new Thread(() -> {
      try {
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          System.err.println("WARNING: " + main.getSimpleName() + " " + args + " took over "
              + limit + ": stopped");
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "forked-run-timeout");
    killer.setDaemon(true);
    killer.start();
    T result = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      ObjectMapper json = new ObjectMapper();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(marker + " ")) {
          result = json.readValue(line.substring(marker.length() + 1), type);
        } else {
          System.out.println("  " + line);
        }
      }
      return p.waitFor() == 0 ? result : null;
    } finally {
      p.destroyForcibly(); // normally gone already; never left behind
    }
  }
}
