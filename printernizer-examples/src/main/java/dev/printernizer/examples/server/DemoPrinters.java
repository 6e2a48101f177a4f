package dev.printernizer.examples.server;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.simulators.SpoolmanSimulator;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The demo's printers: two simulated Bambu printers (TLS MQTT), two simulated PrusaLink
 * printers (firmware and Pi) and a simulated Klipper printer behind Moonraker (WebSocket), optionally driven by a script that starts, pauses, resumes,
 * finishes, cancels and reprints, so a new user sees jobs appear within a minute.
 */
public final class DemoPrinters implements AutoCloseable {
  private static final String[] FILES = {"3DBenchy.gcode.3mf", "Cable_Clip_x8.gcode.3mf",
      "Planter_Hex.3mf", "Gear_Housing_v2.bgcode", "Phone_Stand.bgcode", "Calibration_Cube.gcode"};

  /** The simulated Bambu printers (werkstatt-x1c, labor-p1s). */
  public final List<BambuPrinterSimulator> bambu = new ArrayList<>();
  /** The simulated PrusaLink printers (buero-mk4 firmware, keller-mk3 Pi). */
  public final List<PrusaLinkSimulator> prusa = new ArrayList<>();
  /** The simulated Klipper printer behind Moonraker (werkstatt-voron). */
  public final List<dev.printernizer.simulators.MoonrakerSimulator> klipper = new ArrayList<>();
  final List<PrinterConfig> configs = new ArrayList<>();
  /** A simulated Spoolman with a spool for each printer's first slot, found by extra fields. */
  public final SpoolmanSimulator spoolman = SpoolmanSimulator.start();
  private @Nullable ScheduledExecutorService script;

  /**
   * Starts the simulated printers (not yet the script).
   *
   * @param dataDir where the simulators' CA certificates are written for the drivers to trust
   * @return the printers
   */
  public static DemoPrinters start(Path dataDir) {
    DemoPrinters d = new DemoPrinters();
    try {
      Files.createDirectories(dataDir);
      d.addBambu("werkstatt-x1c", "Werkstatt X1C", "00M09A350100123",
          BambuPrinterSimulator.Profile.FULL, 105, dataDir);
      d.addBambu("labor-p1s", "Labor P1S", "01P00A451000456", BambuPrinterSimulator.Profile.DELTA,
          110, dataDir);
      d.addPrusa("buero-mk4", "Büro MK4", PrusaLinkSimulator.Flavour.BUDDY, 80);
      d.addPrusa("keller-mk3", "Keller MK3S", PrusaLinkSimulator.Flavour.LINK, 75);
      d.addKlipper("werkstatt-voron", "Werkstatt Voron 2.4", 150);
      for (PrinterConfig c : d.configs) { // users keep the printer and slot in extra fields
        d.spoolman.addSpool("PLA", 1000, java.util.Map.of("printernizer_printer",
            "\"" + c.id().value() + "\"", "printernizer_slot", "0"));
      }
    } catch (IOException e) {
      d.close();
      throw new IllegalStateException("cannot start the demo printers: " + e, e);
    }
    return d;
  }

  private void addBambu(String id, String name, String serial, BambuPrinterSimulator.Profile p,
      double watts, Path dataDir) throws IOException {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder(serial, "12345678").profile(p)
        .start();
    bambu.add(sim);
    Path ca = dataDir.resolve("demo-ca-" + id + ".pem");
    Files.writeString(ca, sim.caPem());
    configs.add(PrinterConfig.builder(PrinterId.of(id), "bambu").name(name).host("127.0.0.1")
        .port(sim.port()).serial(serial).credential(Secret.of("12345678"))
        .option("ca_file", ca.toString()).option("ftps_port", String.valueOf(sim.ftps().port()))
        .powerWatts(watts).build());
  }

  private void addPrusa(String id, String name, PrusaLinkSimulator.Flavour f, double watts) {
    PrusaLinkSimulator sim = PrusaLinkSimulator.builder(f, EngineClock.system()).username("maker")
        .password("demo-pw").start();
    prusa.add(sim);
    configs.add(PrinterConfig.builder(PrinterId.of(id), "prusa").name(name).host("127.0.0.1")
        .port(sim.port()).username("maker").credential(Secret.of("demo-pw")).powerWatts(watts)
        .build());
  }

  private void addKlipper(String id, String name, double watts) {
    var sim = dev.printernizer.simulators.MoonrakerSimulator.start();
    klipper.add(sim);
    // printed yesterday while nothing watched: the demo's backfill (7 days) imports them
    double yesterday = System.currentTimeMillis() / 1000.0 - 86_400;
    sim.addPastPrint("Voron_Cube_v7.gcode", yesterday, 42, "completed");
    sim.addPastPrint("Stealthburner_Main_Body.gcode", yesterday + 3600, 95, "cancelled");
    configs.add(PrinterConfig.builder(PrinterId.of(id), "moonraker").name(name).host("127.0.0.1")
        .port(sim.port()).powerWatts(watts).build());
  }

  /** What the script does to one printer, whatever its kind. */
  private interface Steer {
    void start(String file);

    void progress(int percent);

    void pause();

    void resume();

    void finish();

    void cancel();
  }

  private List<Steer> steers() {
    List<Steer> out = new ArrayList<>();
    for (int i = 0; i < bambu.size(); i++) {
      BambuPrinterSimulator b = bambu.get(i);
      BambuPrinterSimulator.JobKind kind = i == 0 ? BambuPrinterSimulator.JobKind.CLOUD
          : BambuPrinterSimulator.JobKind.LAN;
      out.add(new Steer() {
        @Override public void start(String file) {
          b.startJob(file, kind);
        }

        @Override public void progress(int p) {
          b.progress(p, p * 2, Math.max(0, (100 - p) / 2));
        }

        @Override public void pause() {
          b.runOut();
        }

        @Override public void resume() {
          b.resume();
        }

        @Override public void finish() {
          b.finish();
        }

        @Override public void cancel() {
          b.cancel();
        }
      });
    }
    for (PrusaLinkSimulator p : prusa) {
      out.add(new Steer() {
        @Override public void start(String file) {
          p.startPrint(file);
          p.setTimeRemaining(600);
        }

        @Override public void progress(int pct) {
          p.setProgress(pct);
          p.setTimeRemaining(Math.max(0, (100 - pct) * 6));
        }

        @Override public void pause() {
          p.attention();
        }

        @Override public void resume() {
          p.resume();
        }

        @Override public void finish() {
          p.finish();
        }

        @Override public void cancel() {
          p.stop();
        }
      });
    }
    for (var k : klipper) {
      out.add(new Steer() {
        @Override public void start(String file) {
          k.standby();
          k.startPrint(file.replaceFirst("\\.(gcode\\.3mf|3mf|bgcode)$", ".gcode"));
        }

        @Override public void progress(int pct) {
          k.progress(pct, pct * 3, 300);
        }

        @Override public void pause() {
          k.pause();
        }

        @Override public void resume() {
          k.resume();
        }

        @Override public void finish() {
          k.finish();
        }

        @Override public void cancel() {
          k.cancel();
        }
      });
    }
    return out;
  }

  /**
   * @return the demo's outbox destination: the simulated Spoolman, deducted once per job
   */
  public dev.printernizer.outbox.Destination spoolmanDestination() {
    return dev.printernizer.notifiers.spoolman.SpoolmanDestination.builder("spoolman (demo)",
        java.net.URI.create(spoolman.baseUrl())).build();
  }

  /** Runs the demo script: every printer prints, pauses, finishes and reprints on its own. */
  public void runScript() {
    script = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-script");
      t.setDaemon(true);
      return t;
    });
    Random rnd = new Random(7);
    List<Steer> steers = steers();
    int[] phase = new int[steers.size()];
    int[] progress = new int[phase.length];
    String[] file = new String[phase.length];
    for (int i = 0; i < phase.length; i++) {
      phase[i] = -2 - i * 3; // staggered starts: the first job appears after a few seconds
    }
    var unused = script.scheduleAtFixedRate(() -> {
      for (int i = 0; i < phase.length; i++) {
        try {
          step(steers.get(i), i, phase, progress, file, rnd);
        } catch (RuntimeException e) {
          // a demo printer hiccup must not stop the script
        }
      }
    }, 1, 2, TimeUnit.SECONDS);
  }

  private static void step(Steer p, int i, int[] phase, int[] progress, String[] file,
      Random rnd) {
    phase[i]++;
    if (phase[i] < 0) {
      return;
    }
    if (phase[i] == 0) {
      file[i] = file[i] != null && rnd.nextInt(3) == 0 ? file[i] : FILES[rnd.nextInt(FILES.length)];
      progress[i] = 0;
      p.start(file[i]);
      return;
    }
    if (progress[i] < 100) {
      if (progress[i] == 40 && phase[i] < 100) {
        p.pause();
        phase[i] = 100; // paused for a few steps
        return;
      }
      if (phase[i] >= 100 && phase[i] < 103) {
        return;
      }
      if (phase[i] == 103) {
        p.resume();
        phase[i] = 50;
      }
      progress[i] = Math.min(100, progress[i] + 4 + rnd.nextInt(5));
      if (progress[i] == 40 || (progress[i] > 40 && progress[i] < 45)) {
        progress[i] = 40;
      }
      p.progress(progress[i]);
      return;
    }
    if (phase[i] < 200) {
      if (rnd.nextInt(6) == 0) {
        p.cancel();
      } else {
        p.finish();
      }
      phase[i] = 200;
      return;
    }
    if (phase[i] > 204) {
      phase[i] = -1 - rnd.nextInt(3); // idle a moment, then the next print
    }
  }

  @Override
  public void close() {
    if (script != null) {
      script.shutdownNow();
    }
    spoolman.close();
    bambu.forEach(BambuPrinterSimulator::close);
    prusa.forEach(PrusaLinkSimulator::close);
    klipper.forEach(dev.printernizer.simulators.MoonrakerSimulator::close);
  }
}
