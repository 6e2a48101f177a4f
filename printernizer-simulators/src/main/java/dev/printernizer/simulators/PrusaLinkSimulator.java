package dev.printernizer.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A fake PrusaLink printer on loopback HTTP, in either flavour: {@link Flavour#BUDDY} (the
 * firmware of MK4/XL/MINI/CORE One: digest realm "Printer API", user {@code maker}, no qop,
 * 16-hex nonces valid 300 s, job ids a 16-bit counter, FINISHED kept until the next print) or
 * {@link Flavour#LINK} (PrusaLink on a Raspberry Pi for MK3: realm "Administrator", qop=auth,
 * MD5-sess, opaque, nonces bound to the User-Agent and a 60 s bucket, FINISHED/STOPPED shown for
 * 11 s only). {@link Flavour#LINK_LEGACY} is PrusaLink 0.6 without the v1 API.
 *
 * <p>Time comes from the {@link EngineClock} given (a manual clock in tests), so the 11-second
 * FINISHED window, nonce expiry and printing time run in virtual time. Tests steer prints
 * ({@link #startPrint}, {@link #setProgress}, {@link #pause}, {@link #attention},
 * {@link #resume}, {@link #finish}, {@link #stop}, {@link #error}, {@link #busy},
 * {@link #hideJobId}) and inject
 * faults ({@link #failNext}, {@link #garbageNext}, {@link #truncateNext},
 * {@link #noJobContentNext}, {@link #dropNext}, {@link #delayNext}). Thread-safe.
 *
 * @since 0.1
 */
public final class PrusaLinkSimulator implements SimulatedPrinter {
  /** The implementation to imitate. */
  public enum Flavour {
    /** The printer's own firmware (MK4, XL, MINI): digest without qop, FINISHED kept on screen. */
    BUDDY,
    /** PrusaLink on a Raspberry Pi (MK3S): digest with qop, FINISHED for about 11 s. */
    LINK,
    /** An old PrusaLink without the v1 API: only the legacy /api/printer and /api/job. */
    LINK_LEGACY
  }


  /**
   * The file metadata PrusaLink shows for a print by default: a PrusaSlicer file for an MK3S
   * (as in the reference fixture prusalink-job-printing-local.json).
   */
  public static final String DEFAULT_FILE_META = "{\"printer_model\":\"MK3S\","
      + "\"filament_type\":\"PLA\",\"layer_height\":0.15,\"nozzle_diameter\":0.4,"
      + "\"temperature\":215,\"bed_temperature\":60,\"filament used [mm]\":4290.56,"
      + "\"filament used [g]\":12.8,\"estimated printing time (normal mode)\":\"1h 8m 12s\","
      + "\"estimated_print_time\":4092}";

  private final Flavour flavour;
  private final EngineClock clock;
  private final String username;
  private final String password;
  private final @Nullable String apiKey;
  private final String serial;
  private final Duration nonceLifetime;
  /** Verifies HTTP Digest as the flavour does and writes its challenges. */
  private final SimDigestAuth digest;
  private @Nullable HttpServer server;
  private @Nullable ExecutorService serverThreads;
  private int port;

  // printer state, guarded by this
  private String state = "IDLE";
  private boolean hasJob;
  private int jobId;
  private boolean jobIdHidden;
  private @Nullable String displayName;
  private double progress;
  private @Nullable Integer timeRemaining;
  /** The G-code metadata PrusaLink (LINK flavour) shows in the job's file.meta. */
  private String fileMeta = DEFAULT_FILE_META;
  /** The print file the firmware flavour serves at the job's download path. */
  private byte[] printFileBytes = SimBgcode.benchy();
  private byte @Nullable [] thumbnailBytes = SimThreeMf.thumbnailPng(0xFA6831);
  private long printedSeconds;
  private @Nullable Instant runningSince;
  private @Nullable Instant endedAt;
  private boolean reachable = true;
  private final SimHttpFaults faults = new SimHttpFaults();
  private int requests;
  private int authFailures;

  private PrusaLinkSimulator(Builder b) {
    this.flavour = b.flavour;
    this.clock = b.clock;
    this.username = flavour == Flavour.BUDDY ? "maker" : b.username;
    this.password = b.password;
    this.apiKey = flavour == Flavour.BUDDY ? b.password : b.apiKey;
    this.serial = b.serial;
    this.nonceLifetime = b.nonceLifetime != null ? b.nonceLifetime
        : flavour == Flavour.BUDDY ? Duration.ofSeconds(300) : Duration.ofSeconds(60);
    this.digest = new SimDigestAuth(flavour == Flavour.BUDDY, username, password, clock,
        nonceLifetime);
    this.jobId = b.firstJobId;
  }

  /**
   * @param flavour the implementation to imitate
   * @param clock where time comes from
   * @return a builder
   * @since 0.1
   */
  public static Builder builder(Flavour flavour, EngineClock clock) {
    return new Builder(flavour, clock);
  }

  /** Builder of {@link PrusaLinkSimulator}. */
  public static final class Builder {
    private final Flavour flavour;
    private final EngineClock clock;
    private String username = "maker";
    private String password = "s3cr3tPW";
    private @Nullable String apiKey;
    private String serial = "CZPX4720X004XK12345";
    private @Nullable Duration nonceLifetime;
    private int firstJobId = 10;

    private Builder(Flavour flavour, EngineClock clock) {
      this.flavour = Objects.requireNonNull(flavour, "flavour");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param u user name (PrusaLink; Buddy always uses "maker")
     * @return this
     */
    public Builder username(String u) {
      this.username = Objects.requireNonNull(u);
      return this;
    }

    /**
     * @param p the digest password (Buddy: also the API key)
     * @return this
     */
    public Builder password(String p) {
      this.password = Objects.requireNonNull(p);
      return this;
    }

    /**
     * @param k a PrusaLink API key (Buddy uses the password)
     * @return this
     */
    public Builder apiKey(String k) {
      this.apiKey = k;
      return this;
    }

    /**
     * @param s the serial
     * @return this
     */
    public Builder serial(String s) {
      this.serial = Objects.requireNonNull(s);
      return this;
    }

    /**
     * @param d how long a nonce stays valid
     * @return this
     */
    public Builder nonceLifetime(Duration d) {
      this.nonceLifetime = d;
      return this;
    }

    /**
     * @param id the id the next print gets minus one
     * @return this
     */
    public Builder firstJobId(int id) {
      this.firstJobId = id;
      return this;
    }

    /** @return a started simulator on 127.0.0.1 and a free port */
    public PrusaLinkSimulator start() {
      PrusaLinkSimulator s = new PrusaLinkSimulator(this);
      s.bind(0);
      return s;
    }
  }

  private synchronized void bind(int wanted) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted),
      50);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind the PrusaLink simulator: " + e, e);
    }
    serverThreads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "prusalink-sim");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(serverThreads);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  /**
   * @return the port it listens on
   * @since 0.1
   */
  public synchronized int port() {
    return port;
  }

  /**
   * @return {@code http://127.0.0.1:<port>}
   * @since 0.1
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * @return the flavour
   * @since 0.1
   */
  public Flavour flavour() {
    return flavour;
  }

  /**
   * @return the serial
   * @since 0.1
   */
  public String serial() {
    return serial;
  }

  /**
   * @return the password
   * @since 0.1
   */
  public String password() {
    return password;
  }

  /**
   * @return requests served so far
   * @since 0.1
   */
  public synchronized int requests() {
    return requests;
  }

  /**
   * @return requests refused for bad credentials so far
   * @since 0.1
   */
  public synchronized int authFailures() {
    return authFailures;
  }

  // ------------------------------------------------------------------ scripting

  /**
   * Starts a print of {@code file} (a long name such as {@code Benchy_0.4n.bgcode}).
   *
   * @param file the display name
   * @since 0.1
   */
  public synchronized void startPrint(String file) {
    jobId = flavour == Flavour.BUDDY ? (jobId + 1) & 0xFFFF : jobId + 1;
    displayName = file;
    progress = 0;
    timeRemaining = null;
    printedSeconds = 0;
    runningSince = clock.instant();
    endedAt = null;
    hasJob = true;
    state = "PRINTING";
  }

  /**
   * @param p progress in percent
   * @since 0.1
   */
  public synchronized void setProgress(double p) {
    progress = p;
  }

  /**
   * Sets the bytes of the print file the {@link Flavour#BUDDY} flavour serves at the running job's
   * download path ({@code /usb/<short name>}); by default {@link SimBgcode#benchy()}. Faults: a
   * truncated copy, a huge array, bytes that are no binary G-code.
   *
   * @param bytes the file's content
   */
  public synchronized void setPrintFileBytes(byte[] bytes) {
    printFileBytes = bytes.clone();
  }

  /**
   * Sets the picture the {@link Flavour#BUDDY} flavour serves at the running job's thumbnail
   * path ({@code /thumb/l/usb/<short name>}); by default {@link SimThreeMf#thumbnailPng}.
   *
   * @param png the bytes (damaged ones too), or null for none (404)
   * @since 0.3
   */
  public synchronized void setThumbnailBytes(byte @Nullable [] png) {
    thumbnailBytes = png == null ? null : png.clone();
  }

  private synchronized byte @Nullable [] printFile(String path) {
    if (flavour != Flavour.BUDDY || !hasJob) {
      return null;
    }
    String shortName = SimPrusaBodies.shortName(displayName);
    return path.equals("/usb/" + shortName) ? printFileBytes
        : path.equals("/thumb/l/usb/" + shortName) ? thumbnailBytes : null;
  }

  /**
   * Sets the G-code metadata the {@link Flavour#LINK} flavour shows in {@code /api/v1/job} as
   * {@code file.meta} (the firmware flavour has none).
   *
   * @param metaJson a JSON object, e.g. {@link #DEFAULT_FILE_META}
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public synchronized void setFileMeta(String metaJson) {
    try {
      if (!new ObjectMapper().readTree(metaJson).isObject()) {
        throw new IllegalArgumentException("file meta must be a JSON object: " + metaJson);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("file meta is not JSON: " + metaJson, e);
    }
    fileMeta = metaJson;
  }

  /**
   * @param seconds remaining time, or null for unknown
   * @since 0.1
   */
  public synchronized void setTimeRemaining(@Nullable Integer seconds) {
    timeRemaining = seconds;
  }

  /**
   * @param id the job id of the running print (to test wrapping)
   * @since 0.1
   */
  public synchronized void setJobId(int id) {
    jobId = id;
  }

  /**
   * PrusaLink (Pi) right after it started, before it has read the job id from the printer's
   * EEPROM: {@code /api/v1/status} shows the job without {@code id}, {@code /api/v1/job} with
   * {@code "id": null}.
   *
   * @param hidden whether the job id is unknown yet
   * @since 0.2
   */
  public synchronized void hideJobId(boolean hidden) {
    jobIdHidden = hidden;
  }

  /**
   * @return the current job id
   * @since 0.1
   */
  public synchronized int jobId() {
    return jobId;
  }

  /**
   * Pauses the print.
   * @since 0.1
   */
  public synchronized void pause() {
    stopClock();
    state = "PAUSED";
  }

  /**
   * The printer asks for attention (run-out, a question): counts as paused.
   * @since 0.1
   */
  public synchronized void attention() {
    stopClock();
    state = "ATTENTION";
  }

  /**
   * Resumes.
   * @since 0.1
   */
  public synchronized void resume() {
    runningSince = clock.instant();
    state = "PRINTING";
  }

  /**
   * Crash recovery / power-panic resume: BUSY without a job object (Buddy).
   * @since 0.1
   */
  public synchronized void busy() {
    stopClock();
    state = "BUSY";
  }

  /**
   * Finishes the print.
   * @since 0.1
   */
  public synchronized void finish() {
    end("FINISHED");
    progress = 100;
  }

  /**
   * Stops (cancels) the print.
   * @since 0.1
   */
  public synchronized void stop() {
    end("STOPPED");
  }

  /**
   * A printer error ends the print.
   * @since 0.1
   */
  public synchronized void error() {
    end("ERROR");
  }

  private void end(String s) {
    stopClock();
    hasJob = false;
    state = s;
    endedAt = clock.instant();
  }

  private void stopClock() {
    if (runningSince != null) {
      printedSeconds += Math.max(0, Duration.between(runningSince, clock.instant()).toSeconds());
      runningSince = null;
    }
  }

  private long timePrinting() {
    long s = printedSeconds;
    if (runningSince != null) {
      s += Math.max(0, Duration.between(runningSince, clock.instant()).toSeconds());
    }
    return s;
  }

  /** The Pi flavour forgets FINISHED/STOPPED after 11 s. */
  private void tick() {
    if (flavour != Flavour.BUDDY && endedAt != null
        && (state.equals("FINISHED") || state.equals("STOPPED"))
        && !clock.instant().isBefore(endedAt.plusSeconds(11))) {
      state = "IDLE";
    }
  }

  // ------------------------------------------------------------------ kit interface

  @Override
  public synchronized void printing(String file, double p) {
    if (!hasJob || !Objects.equals(displayName, file)) {
      startPrint(file);
    } else if (!state.equals("PRINTING")) {
      resume();
    }
    progress = p;
  }

  @Override
  public synchronized void finished(String file) {
    if (!hasJob) {
      startPrint(file);
    }
    finish();
  }

  @Override
  public synchronized void idle() {
    stopClock();
    hasJob = false;
    state = "IDLE";
  }

  @Override
  public void setReachable(boolean r) {
    synchronized (this) {
      if (r == reachable) {
        return;
      }
      reachable = r;
    }
    if (!r) {
      stopServer();
    } else {
      bind(port);
    }
  }

  @Override
  public void sendGarbage() {
    faults.garbageNext(3);
  }

  // ------------------------------------------------------------------ faults

  /**
   * @param n the next n requests fail
   * @param status with this HTTP status
   * @since 0.1
   */
  public void failNext(int n, int status) {
    faults.failNext(n, status);
  }

  /**
   * @param n the next n JSON answers are garbage
   * @since 0.1
   */
  public void garbageNext(int n) {
    faults.garbageNext(n);
  }

  /**
   * @param n the next n JSON answers are cut in half
   * @since 0.1
   */
  public void truncateNext(int n) {
    faults.truncateNext(n);
  }

  /**
   * @param n the next n {@code /api/v1/job} answers are 204 although a job runs
   * @since 0.1
   */
  public void noJobContentNext(int n) {
    faults.noJobContentNext(n);
  }

  /**
   * @param n the next n requests get their connection closed unanswered
   * @since 0.1
   */
  public void dropNext(int n) {
    faults.dropNext(n);
  }

  /**
   * @param n the next n requests are answered after a real-time delay
   * @param d the delay
   * @since 0.1
   */
  public void delayNext(int n, Duration d) {
    faults.delayNext(n, d);
  }

  @Override
  public void close() {
    stopServer();
  }

  private void stopServer() {
    HttpServer s;
    ExecutorService t;
    synchronized (this) {
      s = server;
      t = serverThreads;
      server = null;
    }
    if (s != null) {
      s.stop(0);
    }
    if (t != null) {
      t.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ HTTP

  private void handle(HttpExchange ex) throws IOException {
    synchronized (this) {
      requests++;
      tick();
    }
    boolean drop = faults.takeDrop();
    Duration wait = faults.takeDelay();
    try {
      if (drop) {
        ex.close(); // no status line: the client sees the connection end
        return;
      }
      if (!wait.isZero()) {
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (!authorized(ex)) {
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      int fail = faults.takeFailure();
      if (fail > 0) {
        json(ex, fail, "{\"title\":\"" + fail + ": Internal Server Error\",\"message\":\"sim\"}");
        return;
      }
      if (!ex.getRequestMethod().equals("GET")) {
        json(ex, 405, "{\"title\":\"405: Method Not Allowed\"}");
        return;
      }
      boolean v1 = path.startsWith("/api/v1/");
      if (v1 && flavour == Flavour.LINK_LEGACY) {
        json(ex, 404, "{\"title\":\"404: Not Found\"}");
        return;
      }
      switch (path) {
        case "/api/version": json(ex, 200, SimPrusaBodies.version(flavour)); break;
        case "/api/v1/info": json(ex, 200, SimPrusaBodies.info(flavour, serial)); break;
        case "/api/v1/status": json(ex, 200, SimPrusaBodies.status(view())); break;
        case "/api/v1/job": {
          String job = faults.takeNoJob() ? null : SimPrusaBodies.job(view());
          if (job == null) {
            ex.sendResponseHeaders(204, -1);
          } else {
            json(ex, 200, job);
          }
          break;
        }
        case "/api/printer": json(ex, 200, SimPrusaBodies.legacyPrinter(view())); break;
        case "/api/job": json(ex, 200, SimPrusaBodies.legacyJob(view())); break;
        default:
          byte[] file = printFile(path);
          if (file != null) {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, file.length);
            ex.getResponseBody().write(file);
          } else {
            json(ex, 404, "{\"title\":\"404: Not Found\",\"message\":\"" + path + "\"}");
          }
      }
    } finally {
      ex.close();
    }
  }

  private void json(HttpExchange ex, int status, String body) throws IOException {
    String out = faults.mangle(status, body);
    byte[] b = out.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (flavour != Flavour.BUDDY) {
      ex.getResponseHeaders().set("Server", "PrusaLink");
    }
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  /** @return the printer's state for one answer */
  private synchronized SimPrusaBodies.View view() {
    return new SimPrusaBodies.View(flavour, state, hasJob, jobId, jobIdHidden, displayName,
        progress, timeRemaining, fileMeta, timePrinting());
  }

  // ------------------------------------------------------------------ auth

  private boolean authorized(HttpExchange ex) throws IOException {
    String key = ex.getRequestHeaders().getFirst("X-Api-Key");
    if (key != null) {
      if (apiKey != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
          apiKey.getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
      authFailed();
      if (flavour == Flavour.BUDDY) {
        ex.getResponseHeaders().set("WWW-Authenticate", "ApiKey realm=\"Printer API\"");
        json(ex, 401, "{\"title\":\"401: Unauthorized\",\"message\":\"\"}");
      } else {
        json(ex, 403, "{\"title\":\"403: Forbidden\",\"message\":\"Bad X-Api-Key.\"}");
      }
      return false;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      json(ex, 400, "{\"title\":\"400: Bad Request\",\"message\":\"never send Basic\"}");
      return false;
    }
    boolean stale = false;
    String ua = Objects.toString(ex.getRequestHeaders().getFirst("User-Agent"), "");
    if (auth != null && auth.regionMatches(true, 0, "Digest ", 0, 7)) {
      SimDigestAuth.Verdict v = digest.check(ex.getRequestMethod(),
          ex.getRequestURI().toString(), auth, ua);
      if (v == SimDigestAuth.Verdict.OK) {
        return true;
      }
      stale = v == SimDigestAuth.Verdict.STALE;
      if (!stale) {
        authFailed();
      }
    }
    ex.getResponseHeaders().set("WWW-Authenticate", digest.challenge(ua, stale));
    json(ex, 401, "{\"title\":\"401: Unauthorized\",\"message\":\"\"}");
    return false;
  }

  private synchronized void authFailed() {
    authFailures++;
  }

  // ------------------------------------------------------------------ bodies

  @Override
  public String toString() {
    return "PrusaLinkSimulator{" + flavour + " at " + baseUrl() + ", state=" + state + "}";
  }
}
