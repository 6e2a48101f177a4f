package dev.printernizer.benchmarks;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The engine's side of the simulated Moonraker fleet: starts {@link MoonrakerFleetServer} in a
 * JVM of its own (as the Bambu runs start Mosquitto) and drives it over its standard input and
 * output. The simulated printers' CPU is that process's, reported apart; their memory and
 * threads are not in the engine's JVM at all.
 */
final class MoonrakerFleet implements ScaleHarness.Fleet {

  private final int n;
  private final Process process;
  private final BufferedWriter commands;
  private final BufferedReader answers;
  private final int port;
  private long[] started;
  private long[] bareArrived;

  MoonrakerFleet(int printers) throws IOException {
    this.n = printers;
    process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx2g", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), MoonrakerFleetServer.class.getName(),
        String.valueOf(n)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
        StandardCharsets.UTF_8));
    answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    String first = answers.readLine();
    if (first == null || !first.startsWith("PORT ")) {
      process.destroyForcibly();
      throw new IllegalStateException("the simulated Moonraker fleet did not start: " + first);
    }
    port = Integer.parseInt(first.substring(5));
  }

  private synchronized String ask(String command, String expect) {
    try {
      commands.write(command + "\n");
      commands.flush();
      String answer = answers.readLine();
      if (answer == null || !answer.startsWith(expect)) {
        throw new IllegalStateException("simulated Moonraker fleet, '" + command + "': " + answer);
      }
      return answer.substring(expect.length()).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("simulated Moonraker fleet, '" + command + "'", e);
    }
  }

  @Override
  public PrinterConfig config(int i) {
    return PrinterConfig.builder(PrinterId.of("s" + i), "moonraker")
        .host(MoonrakerFleetServer.host(i)).port(port).build();
  }

  @Override
  public void startBackground() {
    ask("background", "OK");
  }

  @Override
  public int ready() {
    return Integer.parseInt(ask("ready", "READY"));
  }

  @Override
  public void beginDetection() {
    ask("bare", "OK");
  }

  @Override
  public synchronized void startPrint(int i) {
    try {
      commands.write("start " + i + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("simulated Moonraker fleet, 'start'", e);
    }
  }

  /** Reads the fleet's stamps once, after the detection phase. */
  private synchronized void stamps() {
    if (started != null) {
      return;
    }
    long[] s = new long[n];
    long[] b = new long[n];
    try {
      commands.write("stamps\n");
      commands.flush();
      String line;
      while ((line = answers.readLine()) != null && !line.equals("END")) {
        String[] f = line.split(" ");
        int i = Integer.parseInt(f[1]);
        s[i] = Long.parseLong(f[2]);
        b[i] = Long.parseLong(f[3]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("simulated Moonraker fleet, 'stamps'", e);
    }
    started = s;
    bareArrived = b;
  }

  @Override
  public long startedAt(int i) {
    stamps();
    return started[i];
  }

  @Override
  public long[] bareLatencies() {
    stamps();
    return java.util.stream.IntStream.range(0, n)
        .filter(i -> started[i] != 0 && bareArrived[i] != 0)
        .mapToLong(i -> bareArrived[i] - started[i]).toArray();
  }

  @Override
  public String bareDescription() {
    return "bare WebSocket client: a second JDK WebSocket per printer, subscribed to print_stats"
        + " (in the simulator's JVM), from the simulated Moonraker sending the print start to the"
        + " delta's arrival";
  }

  @Override
  public long externalCpuNanos() {
    return ScaleHarness.processCpuNanos(process.pid());
  }

  @Override
  public String externalDescription() {
    return "the simulated Moonrakers' JVM";
  }

  @Override
  public long messages() {
    return Long.parseLong(ask("messages", "MESSAGES"));
  }

  @Override
  public void close() {
    try {
      commands.write("quit\n");
      commands.flush();
    } catch (IOException e) {
      // gone already
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "MoonrakerFleet[%d printers, pid %d]", n, process.pid());
  }
}
