package dev.printernizer.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Simulated PrusaLink printers (firmware flavour, API-key auth) sharing one HTTP server. Each
 * printer has its own loopback address ({@code 127.100.x.y}), as real printers have their own
 * IP: the driver sees {@code n} different hosts, with the connection handling that implies, and
 * the server tells the printers apart by the address a request arrived at. The server listens
 * on all addresses (a socket bound to 127.0.0.1 only accepts that one address) and answers only
 * requests that arrived at a loopback address.
 *
 * <p>The bare HTTP poll: a thread ({@code scale-sim-bare}) sends {@code GET /api/v1/status} with
 * a plain OkHttp client to a random printer every 100 ms during the run and records how long
 * each request takes: the cost of one request at this load.
 */
final class PrusaFleet implements ScaleHarness.Fleet {

  private static final String KEY = "scale-api-key";
  private final int n;
  private final HttpServer server;
  private final ExecutorService workers;
  private final AtomicIntegerArray printing;
  private final AtomicIntegerArray jobIds;
  private final AtomicIntegerArray polled;
  private final AtomicInteger polledPrinters = new AtomicInteger();
  private final AtomicLongArray started;
  private final AtomicLong requests = new AtomicLong();
  private final Thread barePoller;
  private final long[] bare = new long[100_000];
  private final AtomicInteger bareCount = new AtomicInteger();
  private volatile boolean closed;
  private volatile boolean recording;
  // printer 0 traced (the isolation scenario): when the driver's polls arrive
  private volatile boolean tracing;
  private final Map<String, Long> firstPollSeeing = new ConcurrentHashMap<>();
  private final long[] pollGaps = new long[100_000];
  private final AtomicInteger pollGapCount = new AtomicInteger();
  private volatile long lastPoll;

  PrusaFleet(int printers) throws IOException {
    // the JDK server writes headers and body separately; without TCP_NODELAY every answer on a
    // new connection waits for the client's delayed ACK (about 40 ms), which real printers don't
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.n = printers;
    printing = new AtomicIntegerArray(n);
    jobIds = new AtomicIntegerArray(n);
    polled = new AtomicIntegerArray(n);
    started = new AtomicLongArray(n);
    server = HttpServer.create(new InetSocketAddress(0), 4096);
    workers = Executors.newFixedThreadPool(4, ScaleHarness.named("scale-sim-http"));
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    barePoller = ScaleHarness.named("scale-sim-bare").newThread(this::pollBare);
  }

  static String host(int i) {
    return "127.100." + (i / 250) + "." + (i % 250 + 1);
  }

  private static int index(InetAddress local) {
    byte[] a = local.getAddress();
    if (a.length != 4 || a[0] != 127 || a[1] != 100) {
      return -1;
    }
    return (a[2] & 0xFF) * 250 + (a[3] & 0xFF) - 1;
  }

  @Override
  public PrinterConfig config(int i) {
    return PrinterConfig.builder(PrinterId.of("s" + i), "prusa").host(host(i))
        .port(server.getAddress().getPort()).credential(Secret.of(KEY)).option("auth", "apikey")
        .build();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      int i = ex.getLocalAddress().getAddress().isLoopbackAddress()
          ? index(ex.getLocalAddress().getAddress()) : -1;
      if (i < 0 || i >= n) {
        reply(ex, 403, "{}");
        return;
      }
      if (!KEY.equals(ex.getRequestHeaders().getFirst("X-Api-Key"))) {
        reply(ex, 401, "{}");
        return;
      }
      String path = ex.getRequestURI().getPath();
      boolean busy = printing.get(i) == 1;
      int id = jobIds.get(i);
      String name = "scale_" + i + "_" + id + ".gcode";
      switch (path) {
        case "/api/v1/info" -> reply(ex, 200, "{\"nozzle_diameter\":0.40,\"mmu\":false,"
            + "\"serial\":\"SCALE" + i + "\",\"hostname\":\"prusa-mk4\","
            + "\"min_extrusion_temp\":170}");
        case "/api/v1/status" -> {
          String agent = ex.getRequestHeaders().getFirst("User-Agent");
          if (agent != null && agent.startsWith("Printernizer")
              && polled.getAndIncrement(i) == 0) {
            polledPrinters.incrementAndGet(); // the bare poller's requests do not count
          }
          if (tracing && i == 0 && agent != null && agent.startsWith("Printernizer")) {
            trace(busy);
          }
          reply(ex, 200, "{\"storage\":{\"path\":\"/usb/\",\"name\":\"usb\",\"read_only\":false},"
              + "\"printer\":{\"state\":\"" + (busy ? "PRINTING" : "IDLE") + "\",\"temp_bed\":"
              + "60.0,\"target_bed\":60.0,\"temp_nozzle\":215.0,\"target_nozzle\":215.0,"
              + "\"axis_z\":2.4,\"flow\":100,\"speed\":100,\"fan_hotend\":4000,"
              + "\"fan_print\":3000}" + (busy ? ",\"job\":{\"id\":" + id + ",\"progress\":1.00,"
              + "\"time_remaining\":3600,\"time_printing\":10}" : "") + "}");
        }
        case "/api/v1/job" -> {
          if (!busy) {
            reply(ex, 204, null);
          } else {
            reply(ex, 200, "{\"id\":" + id + ",\"state\":\"PRINTING\",\"progress\":1.00,"
                + "\"time_remaining\":3600,\"time_printing\":10,\"file\":{\"refs\":{},"
                + "\"name\":\"SCALE_~1.GCO\",\"display_name\":\"" + name + "\",\"path\":\"/usb\","
                + "\"size\":1234567,\"m_timestamp\":1700000000}}");
          }
        }
        default -> reply(ex, 404, "{}");
      }
    }
  }

  private static void reply(HttpExchange ex, int code, String body) throws IOException {
    if (body == null) {
      ex.sendResponseHeaders(code, -1);
      return;
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private void pollBare() {
    OkHttpClient client = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(10, TimeUnit.SECONDS).build();
    SplittableRandom random = new SplittableRandom(7);
    int port = server.getAddress().getPort();
    while (!closed) {
      int i = random.nextInt(n);
      Request r = new Request.Builder().url("http://" + host(i) + ":" + port + "/api/v1/status")
          .header("X-Api-Key", KEY).header("User-Agent", "bare").build();
      long t0 = System.nanoTime();
      try (Response resp = client.newCall(r).execute()) {
        resp.body().bytes();
        long took = System.nanoTime() - t0;
        if (recording && resp.code() == 200) {
          int k = bareCount.getAndIncrement();
          if (k < bare.length) {
            bare[k] = took;
          }
        }
      } catch (IOException e) {
        if (!closed) {
          System.err.println("bare poll failed: " + e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
    client.connectionPool().evictAll();
  }

  @Override
  public void startBackground() {
    barePoller.start();
  }

  @Override
  public void beginDetection() {
    recording = true;
  }

  @Override
  public int ready() {
    return polledPrinters.get();
  }

  @Override
  public void startPrint(int i) {
    jobIds.incrementAndGet(i);
    started.set(i, System.nanoTime());
    printing.set(i, 1);
  }

  /** Printer 0's polls by the driver: their spacing and the first one that sees each print. */
  private void trace(boolean busy) {
    long now = System.nanoTime();
    long last = lastPoll;
    lastPoll = now;
    int k = pollGapCount.get();
    if (last != 0 && k < pollGaps.length) {
      pollGaps[k] = now - last;
      pollGapCount.set(k + 1); // one poll at a time per printer: no race
    }
    if (busy) {
      firstPollSeeing.putIfAbsent(printName(0), now);
    }
  }

  /** From now on note when the driver's polls of printer 0 arrive (isolation scenario). */
  void tracePrinterZero() {
    tracing = true;
  }

  /** @return when the first poll that saw this print of printer 0 arrived, or null */
  Long firstPollSeeing(String printName) {
    return firstPollSeeing.get(printName);
  }

  /** @return the times between consecutive polls of printer 0 since tracing began */
  long[] pollGaps() {
    return java.util.Arrays.copyOf(pollGaps, pollGapCount.get());
  }

  /** Ends printer {@code i}'s print: it shows IDLE again (the isolation scenario). */
  void finishPrint(int i) {
    printing.set(i, 0);
  }

  /** @return the job name of printer {@code i}'s current or last print */
  String printName(int i) {
    return "scale_" + i + "_" + jobIds.get(i);
  }

  @Override
  public long startedAt(int i) {
    return started.get(i);
  }

  @Override
  public long[] bareLatencies() {
    return java.util.Arrays.copyOf(bare, Math.min(bare.length, bareCount.get()));
  }

  @Override
  public String bareDescription() {
    return "bare HTTP poll: one GET /api/v1/status with a plain OkHttp client to a random"
        + " printer every 100 ms while prints start and are detected";
  }

  @Override
  public long externalCpuNanos() {
    return 0;
  }

  @Override
  public String externalDescription() {
    return "none (the HTTP server is in the JVM, on scale-sim threads)";
  }

  @Override
  public long messages() {
    return requests.get();
  }

  @Override
  public void close() {
    closed = true;
    barePoller.interrupt();
    try {
      barePoller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "PrusaFleet[%d printers]", n);
  }
}
