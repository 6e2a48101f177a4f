package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The print file description is fetched after the job exists, retried, and filled in later. */
class PrintFileLinkTest {
  private static final PrintFile BENCHY = PrintFile.builder()
      .estimatedTime(Duration.ofMinutes(68)).layerHeightMm(0.15)
      .filaments(List.of(new FilamentUse(0, "PLA", "#FF8800", 12.8, 4.29))).build();

  private static Rig rig(String... printers) {
    Rig rig = new Rig(printers);
    rig.driversInline = true;
    return rig.start();
  }

  @Test
  void theJobIsCreatedFirstAndTheDescriptionLinkedAfter() {
    try (Rig rig = rig("p1")) {
      List<String> seenAtRead = new ArrayList<>();
      rig.printer("p1").answerPrintFiles(job -> {
        seenAtRead.add(rig.store.get(job.id()).map(j -> "stored").orElse("not stored"));
        return Optional.of(BENCHY);
      });
      rig.idle("p1");
      rig.printing("p1", "benchy.gcode", 1);
      assertEquals(List.of("stored"), seenAtRead, "the file is read only after the job exists");
      assertEquals(Optional.of(BENCHY), rig.onlyJob().printFile());
      PrinternizerEvent.JobAutoCreated created =
          rig.events.events(PrinternizerEvent.JobAutoCreated.class).get(0);
      assertEquals(Optional.empty(), created.job().printFile(),
          "the job was announced before its file was read");
      rig.state("p1", dev.printernizer.api.PrinterState.FINISHED, "benchy.gcode");
      Job closed = rig.onlyJob();
      assertEquals(Optional.of(BENCHY), closed.printFile(), "tracking writes keep it");
      assertEquals(1, rig.printer("p1").printFileReads());
    }
  }

  @Test
  void aFailedReadIsRetriedAfter10sAnd1min() {
    try (Rig rig = rig("p1")) {
      AtomicInteger calls = new AtomicInteger();
      rig.printer("p1").answerPrintFiles(job -> {
        if (calls.incrementAndGet() <= 2) {
          throw new IOException("printer busy");
        }
        return Optional.of(BENCHY);
      });
      rig.idle("p1");
      rig.printing("p1", "benchy.gcode", 1);
      assertEquals(Optional.empty(), rig.onlyJob().printFile());
      rig.advance(Duration.ofSeconds(10));
      assertEquals(2, calls.get());
      assertEquals(Optional.empty(), rig.onlyJob().printFile());
      rig.advance(Duration.ofMinutes(1));
      assertEquals(3, calls.get());
      assertEquals(Optional.of(BENCHY), rig.onlyJob().printFile());
      assertEquals(0, rig.engine.failedTasks());
    }
  }

  @Test
  void fourFailuresGiveUpUntilTheNextReconnect() {
    try (Rig rig = rig("p1")) {
      FakePrinter p = rig.printer("p1");
      p.answerPrintFiles(job -> {
        throw new IOException("FTP refused");
      });
      rig.idle("p1");
      rig.printing("p1", "benchy.gcode", 1);
      rig.advance(Duration.ofHours(1));
      assertEquals(4, p.printFileReads(), "at most 4 attempts");
      p.answerPrintFiles(job -> Optional.of(BENCHY));
      p.connectionLost("wifi");
      rig.printing("p1", "benchy.gcode", 30); // back: the same print
      assertEquals(5, p.printFileReads(), "a reconnect asks again");
      assertEquals(Optional.of(BENCHY), rig.onlyJob().printFile());
    }
  }

  @Test
  void aRestartFillsInWhatIsStillMissing() {
    try (Rig rig = rig("p1")) {
      rig.idle("p1");
      rig.printing("p1", "benchy.gcode", 1); // default answer: the file says nothing
      assertEquals(Optional.empty(), rig.onlyJob().printFile());
      rig.restart();
      rig.printer("p1").answerPrintFiles(job -> Optional.of(BENCHY));
      rig.printing("p1", "benchy.gcode", 40);
      assertEquals(Optional.of(BENCHY), rig.onlyJob().printFile());
      rig.restart();
      rig.printing("p1", "benchy.gcode", 60);
      assertEquals(0, rig.printer("p1").printFileReads(), "a job with a description is not"
          + " asked for again");
    }
  }

  @Test
  void aStoreWithoutPrintFilesIsAskedOnceAndJobsAreStillCreated() {
    AtomicInteger refused = new AtomicInteger();
    ForwardingJobStore old = new ForwardingJobStore(new InMemoryJobStore()) {
      @Override
      public Optional<Job> updatePrintFile(String jobId, PrintFile printFile) {
        refused.incrementAndGet();
        throw new UnsupportedOperationException("a store written before 0.3");
      }
    };
    Rig rig = new Rig(old, new ManualClock(), new AutoJobSettings(), "p1", "p2");
    rig.driversInline = true;
    try (Rig r = rig.start()) {
      r.printer("p1").answerPrintFiles(job -> Optional.of(BENCHY));
      r.printer("p2").answerPrintFiles(job -> Optional.of(BENCHY));
      r.idle("p1");
      r.idle("p2");
      r.printing("p1", "a.gcode", 1);
      r.printing("p2", "b.gcode", 1);
      assertEquals(2, r.engine.jobs(dev.printernizer.api.JobQuery.all()).size());
      assertEquals(1, refused.get(), "the store is not asked again once it said no");
      assertEquals(0, r.engine.failedTasks());
      assertTrue(r.printer("p2").printFileReads() <= 1);
    }
  }

  private static dev.printernizer.api.Thumbnail picture() {
    byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC"
        + "56t6BAAAAEklEQVR42mP8z8DwnwEKmBgAAAAPAAG5ZYrNAAAAAElFTkSuQmCC");
    return dev.printernizer.api.Thumbnail.ofPng(png);
  }

  @Test
  void thePictureIsKeptAfterTheDescriptionAndItsFailureChangesNothing() {
    try (Rig rig = rig("p1", "p2")) {
      rig.printer("p1").answerPrintFiles(job -> Optional.of(BENCHY));
      rig.printer("p2").answerPrintFiles(job -> Optional.of(BENCHY));
      rig.printer("p1").answerThumbnails(job -> Optional.of(picture()));
      rig.printer("p2").answerThumbnails(job -> {
        throw new IOException("the printer went away");
      });
      rig.idle("p1");
      rig.idle("p2");
      rig.printing("p1", "a.gcode", 1);
      rig.printing("p2", "b.gcode", 1);
      Job a = rig.engine.jobs(dev.printernizer.api.JobQuery.all()).stream()
          .filter(j -> j.printerId().value().equals("p1")).findFirst().orElseThrow();
      Job b = rig.engine.jobs(dev.printernizer.api.JobQuery.all()).stream()
          .filter(j -> j.printerId().value().equals("p2")).findFirst().orElseThrow();
      assertEquals(Optional.of(picture()), rig.store.thumbnail(a.id()));
      assertEquals(2, rig.store.thumbnail(a.id()).orElseThrow().width());
      assertEquals(Optional.empty(), rig.store.thumbnail(b.id()));
      assertEquals(Optional.of(BENCHY), b.printFile(), "the description stays");
      assertEquals(1, rig.printer("p2").thumbnailReads(), "a failed picture is not retried");
      assertEquals(0, rig.engine.failedTasks());
    }
  }

  @Test
  void aStoreWithoutThumbnailsIsAskedOnce() {
    AtomicInteger refused = new AtomicInteger();
    ForwardingJobStore old = new ForwardingJobStore(new InMemoryJobStore()) {
      @Override
      public boolean updateThumbnail(String jobId, dev.printernizer.api.Thumbnail t) {
        refused.incrementAndGet();
        throw new UnsupportedOperationException("a store that keeps no pictures");
      }
    };
    Rig rig = new Rig(old, new ManualClock(), new AutoJobSettings(), "p1", "p2");
    rig.driversInline = true;
    try (Rig r = rig.start()) {
      for (String p : List.of("p1", "p2")) {
        r.printer(p).answerPrintFiles(job -> Optional.of(BENCHY));
        r.printer(p).answerThumbnails(job -> Optional.of(picture()));
        r.idle(p);
        r.printing(p, p + ".gcode", 1);
      }
      assertEquals(1, refused.get(), "the store is not asked again once it said no");
      assertEquals(0, r.printer("p2").thumbnailReads(), "nor the printer");
      assertEquals(2, r.engine.jobs(dev.printernizer.api.JobQuery.all()).stream()
          .filter(j -> j.printFile().isPresent()).count());
    }
  }
}
