package dev.printernizer.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.printernizer.accounting.CostCalculator;
import dev.printernizer.api.CostRates;
import dev.printernizer.api.Detection;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.spi.JobStore;
import dev.printernizer.export.JobExport;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.StatisticsQuery;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The accounting figures: statistics over a large history (every call's time, p50 and p99) and
 * the export of that history in a JVM whose heap is capped at 64 MiB (time, bytes, peak heap).
 * Each run is its own JVM: {@code java ... AccountingHarness stats|export STORE JOBS} prints one
 * {@code ACCOUNTING-RESULT} line of JSON.
 *
 * <p>The history is seeded like the dedup benchmark's ({@link Stores#seed}: 1,000 jobs through
 * the store, the rest copied in bulk, one job a minute over 10 printers), then given the
 * accounting of real jobs in bulk: a fifth of them failed, every closed job 5 to 54 g of one of
 * three materials, a cost in EUR, and the material rows the store keeps for statistics.
 */
final class AccountingHarness {
  /** Calls of statistics measured, after {@link #WARMUP} unmeasured ones. */
  static final int CALLS = 50;
  static final int WARMUP = 5;
  /** The heap cap of the export run. */
  static final String EXPORT_HEAP = "64m";

  /** One run's figures. */
  record Result(String kind, String store, int jobs, double p50Ms, double p99Ms, double maxMs,
      int calls, double seconds, long bytes, long peakHeapBytes, long maxHeapBytes,
      long statJobs) {}

  private AccountingHarness() {}

  /** Where a seeded history is: a JDBC URL and user, for the export's own JVM. */
  record Seeded(String url, String user) {}

  /**
   * Entry of a forked run: {@code stats STORE JOBS} (seeds and measures in this JVM),
   * {@code seed STORE JOBS} (seeds, leaves the database and prints where it is) or
   * {@code export STORE JOBS URL USER} (exports a seeded database, in a JVM of little heap).
   *
   * @param args the run
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    int jobs = Integer.parseInt(args[2]);
    switch (args[0]) {
      case "seed" -> System.out.println("ACCOUNTING-SEED " + json.writeValueAsString(
          seed(args[1], jobs)));
      case "export" -> {
        if (args[3].startsWith("jdbc:h2:file:")) { // as a host opens the embedded database
          Path file = Path.of(args[3].substring("jdbc:h2:file:".length(), args[3].indexOf(';')));
          try (JdbcJobStore store = JdbcJobStore.h2(file.getParent())) {
            System.out.println("ACCOUNTING-RESULT " + json.writeValueAsString(export(store,
                args[1], jobs)));
          }
          break;
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(args[3]);
        cfg.setUsername(args[4]);
        cfg.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(cfg);
            JdbcJobStore store = JdbcJobStore.create(ds)) {
          System.out.println("ACCOUNTING-RESULT " + json.writeValueAsString(export(store,
              args[1], jobs)));
        }
      }
      default -> System.out.println("ACCOUNTING-RESULT " + json.writeValueAsString(
          run(args[0], args[1], jobs)));
    }
    System.exit(0);
  }

  /** Seeds a history and leaves it (the caller removes it): the export's first half. */
  static Seeded seed(String store, int jobs) throws Exception {
    Stores.Handle h = Stores.open(store);
    templates(h.store());
    copy(h, jobs / TEMPLATES);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(h.jdbcUrl());
    cfg.setUsername(h.user());
    cfg.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(cfg);
        JdbcJobStore filled = JdbcJobStore.create(ds)) { // fills the totals from the jobs
      System.out.println("seeded " + filled.count(JobQuery.all()) + " jobs");
    }
    h.store().close(); // the database stays for the export's JVM
    return new Seeded(h.jdbcUrl(), h.user());
  }

  /** Removes a seeded history: the H2 directory, or the PostgreSQL schema. */
  static void remove(Seeded s) throws Exception {
    if (s.url().startsWith("jdbc:h2:file:")) {
      Path file = Path.of(s.url().substring("jdbc:h2:file:".length(), s.url().indexOf(';')));
      try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(file.getParent())) {
        for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
          java.nio.file.Files.deleteIfExists(p);
        }
      }
    } else {
      String schema = s.url().substring(s.url().indexOf("currentSchema=") + 14);
      try (Connection c = DriverManager.getConnection(Stores.PG_URL, Stores.PG_USER, "");
          Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  static Result run(String kind, String store, int jobs) throws Exception {
    if (jobs % TEMPLATES != 0) {
      throw new IllegalArgumentException("jobs must be a multiple of " + TEMPLATES);
    }
    try (Stores.Handle h = Stores.open(store)) {
      long t0 = System.nanoTime();
      templates(h.store());
      copy(h, jobs / TEMPLATES);
      double copied = (System.nanoTime() - t0) / 1e9;
      HikariConfig cfg = new HikariConfig();
      cfg.setJdbcUrl(h.jdbcUrl());
      cfg.setUsername(h.user());
      cfg.setMaximumPoolSize(2);
      long t1 = System.nanoTime();
      try (HikariDataSource ds = new HikariDataSource(cfg);
          JdbcJobStore measured = JdbcJobStore.create(ds)) { // fills the totals from the jobs
        System.out.printf("seeded %d jobs into %s in %.1f s, totals filled in %.1f s%n", jobs,
            store, copied, (System.nanoTime() - t1) / 1e9);
        return kind.equals("stats") ? statistics(measured, store, jobs)
            : export(measured, store, jobs);
      }
    }
  }

  /** Jobs written through the store, then copied in bulk. */
  static final int TEMPLATES = 1_000;
  private static final String[] MATERIALS = {"PLA", "PETG", "ASA"};

  /**
   * {@value #TEMPLATES} jobs through the store, one a minute over 10 printers: a fifth failed at
   * 40 %, the rest completed; each with a print file of one or two materials and a cost.
   */
  private static void templates(JobStore store) {
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    CostRates rates = new CostRates("EUR", new BigDecimal("24.99"), Map.of(), Map.of(),
        new BigDecimal("0.35"), 120.0, null);
    for (int i = 0; i < TEMPLATES; i++) {
      Instant start = base.plusSeconds(60L * i);
      List<FilamentUse> f = new ArrayList<>(List.of(new FilamentUse(0, MATERIALS[i % 3], null,
          5.0 + i % 50, null)));
      if (i % 4 == 0) {
        f.add(new FilamentUse(1, MATERIALS[(i + 1) % 3], null, 2.5, null));
      }
      Job job = Job.builder(UUID.randomUUID().toString(), PrinterId.of("p" + (i % 10)),
          "job " + i, start).fileName("part-" + (i % 97) + ".gcode").autoCreated(true)
          .run(new RunLink("acc:" + i, null, Detection.LIVE, start, null))
          .printFile(PrintFile.builder().filaments(f).build())
          .tracking(Tracking.started(JobStatus.RUNNING, start).withProgress(40, null, null, null)
              .closed(i % 5 == 0 ? JobStatus.FAILED : JobStatus.COMPLETED,
                  start.plus(Duration.ofMinutes(45)), null))
          .build();
      Job closed = job.toBuilder().cost(CostCalculator.compute(job, rates, start.plus(
          Duration.ofMinutes(46))).orElseThrow()).build();
      store.createIfAbsent(closed).requireJob();
    }
  }

  /**
   * Copies the templates {@code copies - 1} times in bulk, every copy {@value #TEMPLATES}
   * minutes later (one job a minute throughout), with their material rows; the running totals
   * are emptied, for the store opened next to fill them from the jobs.
   */
  private static void copy(Stores.Handle h, int copies) throws SQLException {
    boolean pg = h.kind().equals("postgres");
    String range = pg ? "generate_series(?, ?) AS g(x)" : "SYSTEM_RANGE(?, ?) AS g";
    long shift = 60_000L * TEMPLATES;
    try (Connection c = DriverManager.getConnection(h.jdbcUrl(), h.user(), "")) {
      List<String> cols = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, pg ? schema(h) : null,
          pg ? "printernizer_jobs" : "PRINTERNIZER_JOBS", null)) {
        while (rs.next()) {
          cols.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
        }
      }
      List<String> exprs = new ArrayList<>();
      for (String col : cols) {
        switch (col) {
          case "id", "run_key" -> exprs.add("t." + col + " || '-' || g.x");
          case "open_printer" -> exprs.add("NULL");
          case "created_at", "discovery_time", "printer_start_time", "start_time", "end_time",
              "stat_time", "cost_at" -> exprs.add("t." + col + " + " + shift + " * g.x");
          default -> exprs.add("t." + col);
        }
      }
      // in time order, as a history is written: copy by copy, each copy's jobs by their time
      String jobs = "INSERT INTO printernizer_jobs (" + String.join(", ", cols) + ") SELECT "
          + String.join(", ", exprs) + " FROM printernizer_jobs t, " + range
          + " WHERE t.run_key NOT LIKE '%-%' ORDER BY g.x, t.created_at, t.id";
      String materials = "INSERT INTO printernizer_job_materials (job_id, material, grams,"
          + " cost_amount) SELECT m.job_id || '-' || g.x, m.material, m.grams, m.cost_amount"
          + " FROM printernizer_job_materials m, " + range
          + " WHERE LENGTH(m.job_id) = 36";
      c.setAutoCommit(true);
      for (long from = 1; from < copies; from += 100) {
        long to = Math.min(copies - 1, from + 99);
        for (String sql : List.of(jobs, materials)) {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.executeUpdate();
          }
        }
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM printernizer_job_rollup");
        st.executeUpdate("DELETE FROM printernizer_material_rollup");
        st.execute("ANALYZE");
      }
    }
  }

  private static String schema(Stores.Handle h) {
    String url = h.jdbcUrl();
    return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
  }

  private static Result statistics(JobStore store, String kind, int jobs) {
    StatisticsQuery q = StatisticsQuery.all(ZoneId.of("Europe/Berlin"));
    for (int i = 0; i < WARMUP; i++) {
      store.statistics(q);
    }
    double[] ms = new double[CALLS];
    long counted = 0;
    for (int i = 0; i < CALLS; i++) {
      long t = System.nanoTime();
      JobStatistics s = store.statistics(q);
      ms[i] = (System.nanoTime() - t) / 1e6;
      counted = s.total().jobs();
    }
    if (counted != jobs) {
      throw new IllegalStateException("statistics counted " + counted + " of " + jobs + " jobs");
    }
    Arrays.sort(ms);
    return new Result("stats", kind, jobs, ms[CALLS / 2], ms[(int) Math.ceil(CALLS * 0.99)
        - 1], ms[CALLS - 1], CALLS, 0, 0, 0, Runtime.getRuntime().maxMemory(), counted);
  }

  private static Result export(JobStore store, String kind, int jobs) throws Exception {
    System.gc();
    java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.ScheduledExecutorService sampler =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(
        memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
    long[] bytes = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        bytes[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        bytes[0] += len;
      }
    };
    long t = System.nanoTime();
    long n = JobExport.csv().write(store, JobQuery.all(), counting);
    double seconds = (System.nanoTime() - t) / 1e9;
    if (n != jobs) {
      throw new IllegalStateException("exported " + n + " of " + jobs + " jobs");
    }
    sampler.shutdownNow();
    return new Result("export", kind, jobs, 0, 0, 0, 0, seconds, bytes[0], peak.get(),
        Runtime.getRuntime().maxMemory(), n);
  }

  /**
   * Runs statistics and export for each store in its own JVM.
   *
   * @param stores h2, postgres
   * @param jobs history size
   * @return the results; a failed run is left out with a warning
   * @throws Exception if a JVM cannot be started
   */
  static List<Result> runForked(List<String> stores, int jobs) throws Exception {
    List<Result> out = new ArrayList<>();
    for (String store : stores) {
      for (String kind : List.of("stats", "export")) {
        System.out.println("accounting run: " + kind + " on " + store + ", " + jobs + " jobs");
        Result r;
        if (kind.equals("stats")) {
          r = ForkedJvm.run(AccountingHarness.class, "2g", List.of(kind, store,
              Integer.toString(jobs)), "ACCOUNTING-RESULT", Result.class, Duration.ofMinutes(60));
        } else { // seeded in a JVM of its own: only the export runs with the small heap
          Seeded seeded = ForkedJvm.run(AccountingHarness.class, "2g", List.of("seed", store,
              Integer.toString(jobs)), "ACCOUNTING-SEED", Seeded.class, Duration.ofMinutes(60));
          r = null;
          if (seeded != null) {
            try {
              r = ForkedJvm.run(AccountingHarness.class, EXPORT_HEAP, List.of(kind, store,
                  Integer.toString(jobs), seeded.url(), seeded.user()), "ACCOUNTING-RESULT",
                  Result.class, Duration.ofMinutes(30));
            } finally {
              remove(seeded);
            }
          }
        }
        if (r == null) {
          System.err.println("WARNING: accounting run " + kind + " on " + store + " failed");
          continue;
        }
        System.out.println("  " + r);
        out.add(r);
      }
    }
    return out;
  }
}
