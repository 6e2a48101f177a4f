package dev.printernizer.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.CostRates;
import dev.printernizer.api.Detection;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.JobStore;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.JobTotals;
import dev.printernizer.statistics.MaterialTotals;
import dev.printernizer.statistics.StatisticsCollector;
import dev.printernizer.statistics.StatisticsQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The statistics part of {@link JobStoreCompatibilityKit}: a store's figures against a plain sum
 * over its jobs ({@link StatisticsCollector}), for several queries and zones, after late print
 * files and costs, and after deletes.
 */
abstract class StatisticsChecks extends StoreChecks {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata"); // +05:30: not whole hours
  /** 23:30 UTC on the last day of January: February in Berlin and Kolkata, January in UTC. */
  private static final Instant EDGE = Instant.parse("2026-01-31T23:30:00Z");
  private static final String[] MATERIALS = {"PLA", "pla", "PETG", "PLA | Sünlü ✓", ""};
  private static final JobStatus[] STATUSES = {JobStatus.COMPLETED, JobStatus.COMPLETED,
      JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.INTERRUPTED};

  private List<Job> all() {
    List<Job> out = new ArrayList<>();
    for (int off = 0; ; off += JobQuery.MAX_LIMIT) {
      List<Job> page = store().query(JobQuery.all().withPage(off, JobQuery.MAX_LIMIT));
      out.addAll(page);
      if (page.size() < JobQuery.MAX_LIMIT) {
        return out;
      }
    }
  }

  private JobStatistics expected(StatisticsQuery q) {
    StatisticsCollector c = new StatisticsCollector(q);
    all().forEach(c::add);
    return c.result();
  }

  private void assertMatches(StatisticsQuery q) {
    assertSame(expected(q), store().statistics(q), q.toString());
  }

  /** Equal figures; grams may differ by the rounding of a sum in another order. */
  static void assertSame(JobStatistics want, JobStatistics got, String what) {
    assertEquals(want.zone(), got.zone(), what + ": zone");
    totals(want.total(), got.total(), what + ": total");
    assertEquals(want.byPrinter().keySet(), got.byPrinter().keySet(), what + ": printers");
    want.byPrinter().forEach((k, v) -> totals(v, java.util.Objects.requireNonNull(got.byPrinter().get(k)), what + ": printer "
        + k));
    assertEquals(want.byMonth().keySet(), got.byMonth().keySet(), what + ": months");
    want.byMonth().forEach((k, v) -> totals(v, java.util.Objects.requireNonNull(got.byMonth().get(k)), what + ": month " + k));
    assertEquals(want.byStatus().keySet(), got.byStatus().keySet(), what + ": statuses");
    want.byStatus().forEach((k, v) -> totals(v, java.util.Objects.requireNonNull(got.byStatus().get(k)), what + ": status " + k));
    assertEquals(want.byMaterial().keySet(), got.byMaterial().keySet(), what + ": materials");
    want.byMaterial().forEach((k, v) -> {
      MaterialTotals g = java.util.Objects.requireNonNull(got.byMaterial().get(k));
      assertEquals(v.jobs(), g.jobs(), what + ": material " + k + " jobs");
      grams(v.grams(), g.grams(), what + ": material " + k + " grams");
      assertEquals(v.cost(), g.cost(), what + ": material " + k + " cost");
    });
  }

  private static void totals(JobTotals want, JobTotals got, String what) {
    assertEquals(List.of(want.jobs(), want.completed(), want.failed(), want.cancelled(),
        want.interrupted()), List.of(got.jobs(), got.completed(), got.failed(), got.cancelled(),
        got.interrupted()), what + ": jobs, completed, failed, cancelled, interrupted");
    assertEquals(want.printingTime(), got.printingTime(), what + ": printing time");
    grams(want.filamentGrams(), got.filamentGrams(), what + ": filament grams");
    assertEquals(want.cost(), got.cost(), what + ": cost");
  }

  private static void grams(double want, double got, String what) {
    if (Math.abs(want - got) > 1e-6 * Math.max(1, Math.abs(want))) {
      fail(what + ": expected " + want + " g but the store says " + got + " g");
    }
  }

  private static PrintFile file(Random r) {
    List<FilamentUse> f = new ArrayList<>();
    int slots = 1 + r.nextInt(3);
    for (int s = 0; s < slots; s++) {
      String m = MATERIALS[r.nextInt(MATERIALS.length)];
      Double grams = r.nextInt(6) == 0 ? null : (1 + r.nextInt(40000)) / 100.0;
      f.add(new FilamentUse(s * 2, m.isEmpty() ? null : m, null, grams, 1.25));
    }
    return PrintFile.builder().filaments(f).build();
  }

  private static JobCost cost(Job closed, Random r, Instant at) {
    String currency = r.nextInt(4) == 0 ? "USD" : "EUR";
    CostRates rates = new CostRates(currency, new BigDecimal("20"), Map.of(), Map.of(), null,
        null, null);
    List<JobCost.MaterialCharge> charges = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    boolean allPriced = true;
    for (FilamentUse f : closed.filamentUsed().map(u -> u.filaments()).orElse(List.of())) {
      if (f.grams() != null) {
        BigDecimal amount = r.nextInt(5) == 0 ? null
            : BigDecimal.valueOf(r.nextInt(10000), 2);
        charges.add(new JobCost.MaterialCharge(f.slot(), f.material(), f.grams(),
            amount == null ? null : new BigDecimal("20"), amount));
        sum = amount == null ? sum : sum.add(amount);
        allPriced &= amount != null;
      }
    }
    BigDecimal wear = BigDecimal.valueOf(r.nextInt(500), 2);
    BigDecimal material = allPriced && !charges.isEmpty() ? sum : null;
    return new JobCost(currency, charges, material, null, null, null, wear,
        material == null ? wear : material.add(wear), rates, at);
  }

  /** Stores a varied history: 3 printers, every outcome, open and planned jobs, two months. */
  private void history(int n, long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      PrinterId p = PrinterId.of("stat-" + (i % 3));
      Instant start = EDGE.plus(Duration.ofMinutes((r.nextInt(240) - 120) * 7L));
      String id = UUID.randomUUID().toString();
      if (i % 11 == 10) { // planned manual job: counted by its creation time
        store().insert(Job.builder(id, p, "planned " + i, start).fileName("p" + i).build());
        continue;
      }
      Tracking t = Tracking.started(JobStatus.RUNNING, start).withProgress(r.nextInt(101),
          null, r.nextBoolean() ? r.nextInt(300) : null, r.nextBoolean() ? 300 : null);
      if (r.nextInt(3) == 0) {
        t = t.withPause(Duration.ofSeconds(r.nextInt(5000)));
      }
      Job open = Job.builder(id, p, "job " + i, start).fileName("f" + i)
          .autoCreated(i % 2 == 0)
          .run(new RunLink("run-" + i, null, Detection.LIVE, start, null))
          .tracking(t).build();
      if (i % 13 == 12 && store().findOpenJob(p).isEmpty()) {
        Job o = store().createIfAbsent(open.toBuilder().printFile(file(r)).build()).requireJob();
        if (r.nextBoolean()) { // paused: the status moves
          store().updateTracking(o.id(), o.tracking().withStatus(JobStatus.PAUSED));
        }
        continue;
      }
      if (i % 17 == 16 && store().findOpenJob(p).isEmpty()) { // planned, then adopted, closed
        Job planned = store().insert(Job.builder(id, p, "adopted " + i, start.minusSeconds(600))
            .fileName("a" + i).printFile(file(r)).build());
        Job adopted = store().adopt(planned.id(), new RunLink("run-" + i, null, Detection.LIVE,
            start, null), t).requireJob();
        if (r.nextBoolean()) {
          Job done = store().updateTracking(adopted.id(), t.closed(JobStatus.COMPLETED,
              start.plusSeconds(3000), null)).orElseThrow();
          try {
            store().updateCost(done.id(), cost(done, r, start.plusSeconds(3001)));
          } catch (UnsupportedOperationException e) {
            // a store without costs: the job counts without one
          }
        }
        continue;
      }
      Tracking closed = t.closed(STATUSES[r.nextInt(STATUSES.length)],
          start.plusSeconds(r.nextInt(20000)), null);
      Job j = open.toBuilder().tracking(closed).printFile(r.nextInt(8) == 0 ? null : file(r))
          .build();
      if (r.nextInt(6) != 0) {
        j = j.toBuilder().cost(cost(j, r, start.plusSeconds(30000))).build();
      }
      if (i % 3 == 1) { // imported history: no run link
        store().insert(j.toBuilder().run(null).autoCreated(false).build());
      } else {
        store().createIfAbsent(j).requireJob();
      }
    }
  }

  @Test
  @DisplayName("statistics: no jobs give empty figures")
  void empty() {
    assertSame(JobStatistics.empty(BERLIN), store().statistics(StatisticsQuery.all(BERLIN)),
        "an empty store");
  }

  @Test
  @DisplayName("statistics: every figure equals a sum over the jobs, for filters, ranges, zones")
  void matchesASumOverTheJobs() {
    history(180, 7);
    assertMatches(StatisticsQuery.all(BERLIN));
    assertMatches(StatisticsQuery.all(ZoneId.of("UTC")));
    assertMatches(StatisticsQuery.all(KOLKATA));
    assertMatches(StatisticsQuery.all(ZoneId.of("America/Los_Angeles")));
    assertMatches(StatisticsQuery.all(BERLIN).withFilter(JobQuery.all()
        .withPrinter(PrinterId.of("stat-1"))));
    assertMatches(StatisticsQuery.all(BERLIN).withFilter(JobQuery.all()
        .withStatuses(Set.of(JobStatus.FAILED, JobStatus.CANCELLED))));
    assertMatches(StatisticsQuery.all(BERLIN).withFilter(JobQuery.all().withAutoCreated(true)));
    assertMatches(StatisticsQuery.all(BERLIN).between(EDGE, null));
    assertMatches(StatisticsQuery.all(BERLIN).between(null, EDGE));
    assertMatches(StatisticsQuery.all(KOLKATA).between(EDGE.minus(Duration.ofHours(30)),
        EDGE.plus(Duration.ofHours(7))));
    JobStatistics s = store().statistics(StatisticsQuery.all(BERLIN));
    assertEquals(180, s.total().jobs(), "every job counted once");
    assertTrue(s.byMonth().size() >= 2, "the jobs span two months: " + s.byMonth().keySet());
  }

  @Test
  @DisplayName("statistics: a job given with sub-millisecond times counts as it is stored")
  void subMillisecondTimes() {
    Instant start = EDGE.minusSeconds(7200).plusNanos(600_000); // .6 ms: stored as milliseconds
    Job j = store().insert(Job.builder(UUID.randomUUID().toString(), PrinterId.of("stat-ms"),
        "sub-ms", start).tracking(Tracking.started(JobStatus.RUNNING, start)
        .closed(JobStatus.COMPLETED, start.plusMillis(999).plusNanos(400_000), null)).build());
    assertMatches(StatisticsQuery.all(BERLIN));
    assertTrue(store().delete(j.id()));
    assertSame(JobStatistics.empty(BERLIN), store().statistics(StatisticsQuery.all(BERLIN)),
        "after deleting the only job");
  }

  @Test
  @DisplayName("statistics: a print file and a cost linked after the close count")
  void lateFileAndCost() {
    Instant start = EDGE.minusSeconds(7200);
    PrinterId p = PrinterId.of("stat-late");
    Job j = store().createIfAbsent(Job.builder(UUID.randomUUID().toString(), p, "late", start)
        .autoCreated(true).run(new RunLink("late", null, Detection.LIVE, start, null))
        .tracking(Tracking.started(JobStatus.RUNNING, start).withProgress(40, null, null, null))
        .build()).requireJob();
    store().updateTracking(j.id(), j.tracking().closed(JobStatus.FAILED, EDGE, "jam"));
    PrintFile plan = PrintFile.builder().filaments(List.of(
        new FilamentUse(0, "PETG", null, 50.0, null), new FilamentUse(1, "PLA", null, 10.0, null)))
        .build();
    Job withFile;
    try {
      withFile = store().updatePrintFile(j.id(), plan).orElseThrow();
    } catch (UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.abort("this store does not keep print file descriptions");
      return;
    }
    JobStatistics s = store().statistics(StatisticsQuery.all(BERLIN));
    assertMatches(StatisticsQuery.all(BERLIN));
    grams(24.0, s.total().filamentGrams(), "40% of 60 g, after the print file came late");
    grams(20.0, s.byMaterial().getOrDefault("PETG", new MaterialTotals("PETG", 0, 0,
        Map.of())).grams(), "PETG");
    try {
      store().updateCost(j.id(), cost(withFile, new Random(3), EDGE));
    } catch (UnsupportedOperationException e) {
      return; // the store keeps no costs: the file part is checked
    }
    assertMatches(StatisticsQuery.all(BERLIN));
    assertMatches(StatisticsQuery.all(KOLKATA));
  }

  @Test
  @DisplayName("statistics: deleting jobs changes them by exactly those jobs; edits do not")
  void deletesAndEdits() {
    history(60, 11);
    StatisticsQuery q = StatisticsQuery.all(BERLIN);
    JobStatistics before = store().statistics(q);
    List<Job> jobs = all();
    for (Job j : jobs.subList(0, 20)) {
      store().updateBusiness(j.id(), new BusinessFields("c", true, new BigDecimal("99"), "n"));
    }
    assertSame(before, store().statistics(q), "after business edits");
    StatisticsCollector gone = new StatisticsCollector(q);
    for (Job j : jobs.subList(5, 25)) {
      assertTrue(store().delete(j.id()));
      gone.add(j);
    }
    JobStatistics after = store().statistics(q);
    assertMatches(q);
    JobTotals removed = gone.result().total();
    assertEquals(before.total().jobs() - removed.jobs(), after.total().jobs(), "jobs");
    assertEquals(before.total().printingTime().minus(removed.printingTime()),
        after.total().printingTime(), "printing time");
    grams(before.total().filamentGrams() - removed.filamentGrams(),
        after.total().filamentGrams(), "grams");
    Map<String, BigDecimal> cost = new java.util.TreeMap<>(before.total().cost());
    removed.cost().forEach((k, v) -> cost.merge(k, v.negate(), BigDecimal::add));
    cost.values().removeIf(v -> v.signum() == 0);
    Map<String, BigDecimal> got = new java.util.TreeMap<>(after.total().cost());
    got.values().removeIf(v -> v.signum() == 0);
    cost.replaceAll((k, v) -> v.stripTrailingZeros());
    assertEquals(cost, got, "cost");
  }
}
