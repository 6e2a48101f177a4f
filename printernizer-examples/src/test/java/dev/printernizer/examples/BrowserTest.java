package dev.printernizer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterId;
import dev.printernizer.simulators.BambuPrinterSimulator.JobKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The feature as a user sees it, in headless Chromium: a print starts and a toast appears, the
 * job shows the ⚡ Auto badge with its tooltip; switching the setting off stops job creation;
 * an edit keeps the badge; a server restart in the middle of a print makes no duplicate.
 */
class BrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  @TempDir
  Path dir;
  ServerHarness h;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      String msg = "Debian's chromium and chromium-driver are not installed";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(msg + "; .ci/run installs them");
      }
      Assumptions.abort(msg + ": browser tests skipped");
    }
    h = new ServerHarness(dir.resolve("data"), null);
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1280,860",
        "--user-data-dir=" + dir.resolve("chrome"), "--lang=de-DE");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, o);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // live table
    browser.get(h.base() + "/");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".card.printer"), 5));
  }

  @AfterEach
  void stop() {
    Object refused = "";
    if (browser != null) {
      refused = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
          "return window.cspViolations ? window.cspViolations.join('; ') : ''");
      browser.quit();
    }
    if (h != null) {
      h.close();
    }
    assertEquals("", refused, "the content security policy refused parts of the page");
  }

  private void tab(String view) {
    browser.findElement(By.cssSelector(".tab[data-view='" + view + "']")).click();
  }

  /** Reads something from a job's row; retried while the live table re-renders. */
  private <T> T fromRow(String name, java.util.function.Function<WebElement, T> read) {
    tab("jobs");
    return wait.until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).stream()
        .filter(r -> r.getText().contains(name)).findFirst().map(read).orElse(null));
  }

  private void jobRow(String name) {
    fromRow(name, r -> Boolean.TRUE);
  }

  @Test
  void tabsAreUrlsThatSurviveReloadAndBack() {
    browser.get(h.base() + "/#/stats");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-stats")));
    tab("settings");
    wait.until(d -> d.getCurrentUrl().endsWith("#/settings"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-settings")));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-settings")));
    assertTrue(browser.findElement(By.id("view-dashboard")).getAttribute("class")
        .contains("hidden"), "the reload keeps the settings tab");
    browser.navigate().back();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-stats")));
    assertTrue(browser.findElement(By.cssSelector(".tab[data-view='stats']"))
        .getAttribute("class").contains("active"));
  }

  @Test
  void aDeadLetterIsShownAndSentAgainFromTheSettingsTab() throws Exception {
    java.util.concurrent.atomic.AtomicInteger refuse = new java.util.concurrent.atomic
        .AtomicInteger(1);
    java.util.List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer erp = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
    erp.createContext("/", ex -> {
      got.add(ex.getRequestHeaders().getFirst("X-Printernizer-Event"));
      ex.sendResponseHeaders(refuse.getAndDecrement() > 0 ? 410 : 204, -1);
      ex.close();
    });
    erp.start();
    try {
      Path yaml = dir.resolve("notify.yaml");
      Files.writeString(yaml, "notifications:\n  - type: webhook\n    name: erp\n    url: "
          + "http://127.0.0.1:" + erp.getAddress().getPort() + "/hook\n    events:"
          + " [job_auto_created]\n");
      h.close();
      h = new ServerHarness(dir.resolve("data2"), null, dev.printernizer.examples.server
          .ServerConfig.load(yaml, java.util.Map.of()));
      browser.get(h.base() + "/");
      h.printers.bambu.get(0).startJob("Refused_Once.gcode.3mf", JobKind.LAN);
      jobRow("Refused_Once");
      ServerHarness.await("the refused delivery", () -> got.size() == 1);
      tab("settings");
      WebElement retry = wait.until(ExpectedConditions.elementToBeClickable(
          By.cssSelector("#dead-letters .retry-btn")));
      assertTrue(browser.findElement(By.cssSelector("#dead-letters")).getText()
          .contains("HTTP 410"), browser.findElement(By.cssSelector("#dead-letters")).getText());
      assertTrue(browser.findElement(By.cssSelector("#outbox-destinations")).getText()
          .contains("erp: 0 ausstehend, 1 nicht zugestellt"),
          browser.findElement(By.cssSelector("#outbox-destinations")).getText());
      retry.click();
      ServerHarness.await("the second delivery", () -> got.size() == 2);
      wait.until(d -> d.findElements(By.cssSelector("#dead-letters .retry-btn")).isEmpty());
      assertEquals(java.util.List.of("job_auto_created", "job_auto_created"), got);
    } finally {
      erp.stop(0);
    }
  }

  @Test
  void aStartedPrintShowsAToastAndTheAutoBadgeWithItsTooltip() throws Exception {
    h.printers.bambu.get(0).startJob("3DBenchy.gcode.3mf", JobKind.CLOUD);
    WebElement toast = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#toasts .toast")));
    assertTrue(toast.getText().contains("Auftrag automatisch erstellt"), toast.getText());
    assertTrue(toast.getText().contains("Werkstatt X1C"), toast.getText());
    assertTrue(toast.getText().contains("3DBenchy"), toast.getText());
    String[] badge = fromRow("3DBenchy", r -> {
      WebElement b = r.findElement(By.cssSelector(".badge-auto"));
      return new String[] {b.getText(), b.getAttribute("title")};
    });
    assertEquals("⚡ Auto", badge[0]);
    String tip = badge[1];
    assertTrue(tip.contains("Entdeckt:") && tip.contains("Druckerstart:")
        && tip.contains("Beim Start entdeckt: nein"), tip);
    h.printers.prusa.get(0).startPrint("Gear_Housing_v2.bgcode");
    jobRow("Gear_Housing_v2");
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Path shots = Path.of("..", "docs", "images");
    Files.createDirectories(shots);
    Files.write(shots.resolve("jobs-with-auto-badge.png"), png);
    Files.write(dir.resolve("jobs.png"), png);
  }

  @Test
  void aPrinterThatRefusesTheAccessCodeSaysSoInBothLanguages() throws Exception {
    var sim = h.printers.bambu.get(0);
    h.server.engine().addPrinter(dev.printernizer.api.PrinterConfig
        .builder(PrinterId.of("falscher-code"), "bambu").name("Falscher Code")
        .host("127.0.0.1").port(sim.port()).serial(sim.serial())
        .credential(dev.printernizer.api.Secret.of("87654321"))
        .option("ca_file", h.data.resolve("demo-ca-werkstatt-x1c.pem").toString()).build());
    WebElement card = wait.until(d -> d.findElements(By.cssSelector(".card.printer")).stream()
        .filter(c -> c.getText().contains("Falscher Code")
            && c.getText().contains("Zugangscode abgelehnt")).findFirst().orElse(null));
    assertTrue(card.getText().contains("nächster Versuch"), card.getText());
    assertTrue(!card.getText().contains("87654321"), "never the code: " + card.getText());
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve("problem.png"), png);
    Path shots = Path.of("..", "docs", "images");
    Files.createDirectories(shots);
    Files.write(shots.resolve("printer-connection-problem.png"), png);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang")))
        .selectByValue("en");
    wait.until(d -> d.findElements(By.cssSelector(".card.printer")).stream()
        .anyMatch(c -> c.getText().contains("access code refused")));
  }

  @Test
  void theExportLinksDownloadTheCurrentFilter() throws Exception {
    h.printers.bambu.get(0).startJob("Export_Me.gcode.3mf", JobKind.LAN);
    jobRow("Export_Me");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-auto")))
        .selectByValue("true");
    String href = wait.until(d -> {
      String v = d.findElement(By.id("export-csv")).getAttribute("href");
      return v != null && v.contains("auto=true") ? v : null;
    });
    assertTrue(href.contains("/api/jobs/export?") && href.contains("format=csv-excel")
        && !href.contains("offset="), href);
    java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(href)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    String csv = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("\uFEFFid;printer_id;name;"), csv);
    assertTrue(csv.contains("Export_Me"), csv);
  }

  @Test
  void switchingTheSettingOffStopsJobCreation() {
    tab("settings");
    WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("auto-create")));
    assertTrue(browser.findElement(By.cssSelector("#view-settings h2")).getText()
        .contains("Automatische Auftrags-Erstellung"));
    assertTrue(box.isSelected());
    box.click();
    ServerHarness.await("the setting saved", () -> !h.server.engine().settings().autoCreate());
    h.printers.bambu.get(1).startJob("Ignored.gcode.3mf", JobKind.LAN);
    ServerHarness.await("the print is seen", () -> h.server.engine()
        .printer(PrinterId.of("labor-p1s")).orElseThrow().state().name().equals("PRINTING"));
    assertEquals(0, h.jobCount(), "no job while the setting is off");
    browser.navigate().refresh();
    tab("settings");
    assertTrue(!wait.until(ExpectedConditions.elementToBeClickable(By.id("auto-create")))
        .isSelected(), "the saved setting is shown after a reload");
  }

  @Test
  void anEditKeepsTheBadge() {
    h.printers.bambu.get(0).startJob("Planter_Hex.3mf", JobKind.LAN);
    fromRow("Planter_Hex", r -> {
      r.findElement(By.cssSelector(".edit-btn")).click();
      return Boolean.TRUE;
    });
    WebElement customer = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#edit input[name=customer]")));
    customer.sendKeys("Kunde GmbH");
    browser.findElement(By.cssSelector("#edit input[name=material_cost]")).sendKeys("4.20");
    browser.findElement(By.id("edit-save")).click();
    wait.until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).stream()
        .anyMatch(r -> r.getText().contains("Kunde GmbH")));
    assertEquals(1, (int) fromRow("Planter_Hex",
        r -> r.findElements(By.cssSelector(".badge-auto")).size()));
    boolean customerShown = fromRow("Planter_Hex", r -> r.getText().contains("Kunde GmbH"));
    assertTrue(customerShown);
  }

  @Test
  void aServerRestartMidPrintMakesNoDuplicate() throws Exception {
    h.printers.bambu.get(0).startJob("Long_Print.gcode.3mf", JobKind.LAN);
    jobRow("Long_Print");
    h.printers.bambu.get(0).progress(30, 60, 120);
    h.restart();
    browser.get(h.base() + "/");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".card.printer"), 5));
    h.printers.bambu.get(0).progress(35, 70, 110);
    ServerHarness.await("progress after the restart", () -> h.server.engine()
        .printer(PrinterId.of("werkstatt-x1c")).orElseThrow().lastSnapshot().progress()
        .orElse(0.0) >= 35.0);
    tab("jobs");
    long rows = wait.until(d -> {
      List<WebElement> all = d.findElements(By.cssSelector("#jobs tbody tr"));
      long n = all.stream().filter(r -> r.getText().contains("Long_Print")).count();
      return n > 0 ? n : null;
    });
    assertEquals(1, rows);
    assertEquals(1, h.server.engine().jobStore().count(JobQuery.all()));
  }

  /** At 20/kg, the Keller MK3S (12.8 g PLA in its file.meta) prints a file to the end. */
  private void finishedPrintWithCost(String file) {
    h.server.engine().costSettings().apply(java.util.Map.of("cost_filament_price_per_kg", "20"));
    var mk3 = h.printers.prusa.get(1);
    mk3.startPrint(file);
    ServerHarness.await("the job with its print file", () -> h.jobCount() == 1
        && h.server.engine().jobs(JobQuery.all()).get(0).printFile().isPresent());
    mk3.finish();
    ServerHarness.await("the cost at close", () -> h.server.engine().jobs(JobQuery.all()).get(0)
        .cost().isPresent());
  }

  @Test
  void theStatisticsTabDrawsTheFiguresOfTheApi() throws Exception {
    finishedPrintWithCost("Benchy_0.4n_PLA.gcode");
    h.printers.bambu.get(0).startJob("Still_Running.gcode.3mf", JobKind.LAN);
    ServerHarness.await("the second job", () -> h.jobCount() == 2);
    tab("stats");
    WebElement pla = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#chart-material rect[data-key='PLA']")));
    String zone = (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "return Intl.DateTimeFormat().resolvedOptions().timeZone");
    var api = ServerHarness.json(h.get("/api/statistics?zone="
        + java.net.URLEncoder.encode(zone, java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(api.path("by_material").path("PLA").path("grams").asDouble(),
        Double.parseDouble(pla.getAttribute("data-value")), 1e-9);
    var months = api.path("by_month");
    assertEquals(months.size(), browser.findElements(By.cssSelector("#chart-month rect")).size());
    months.properties().forEach(m -> assertEquals(m.getValue().path("jobs").asInt(),
        Integer.parseInt(browser.findElement(By.cssSelector("#chart-month rect[data-key='"
            + m.getKey() + "']")).getAttribute("data-value"))));
    for (String status : List.of("completed", "running")) {
      assertEquals(api.path("by_status").path(status).path("jobs").asInt(), Integer.parseInt(
          browser.findElement(By.cssSelector("#chart-status rect[data-key='" + status + "']"))
              .getAttribute("data-value")), status);
    }
    assertEquals(api.path("by_printer").path("keller-mk3").path("printing_hours").asDouble(),
        Double.parseDouble(browser.findElement(By.cssSelector(
            "#chart-printer rect[data-key='keller-mk3']")).getAttribute("data-value")), 1e-9);
    assertEquals("2", browser.findElement(By.cssSelector("[data-total='jobs'] strong"))
        .getText());
    assertTrue(browser.findElement(By.cssSelector("[data-total='cost'] strong")).getText()
        .contains("EUR"));
    assertTrue(browser.findElement(By.cssSelector("#view-stats figcaption")).getText()
        .contains("Aufträge pro Monat"));
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("..", "docs", "images", "statistics.png"), png);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang")))
        .selectByValue("en");
    wait.until(d -> d.findElement(By.cssSelector("#view-stats figcaption")).getText()
        .contains("Jobs per month"));
    wait.until(d -> d.findElement(By.cssSelector("#chart-status rect[data-key='completed']"))
        .findElement(By.xpath("..")).getText().contains("Completed"));
  }

  @Test
  void theJobDetailShowsTheCostBreakdownAndRecomputesIt() throws Exception {
    finishedPrintWithCost("Detail_Benchy.gcode");
    String id = h.server.engine().jobs(JobQuery.all()).get(0).id();
    fromRow("Detail_Benchy", r -> {
      r.findElement(By.cssSelector(".detail-btn")).click();
      return Boolean.TRUE;
    });
    WebElement total = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#detail [data-total]")));
    assertEquals(0.26, Double.parseDouble(total.getAttribute("data-total")), 1e-9);
    assertTrue(total.getText().contains("0,26 EUR"), total.getText());
    String body = browser.findElement(By.id("d-body")).getText();
    assertTrue(body.contains("PLA") && body.contains("12.8"), body);
    assertTrue(browser.findElement(By.cssSelector("#detail tr.gaps td")).getText()
        .contains("keine"), body);
    h.server.engine().costSettings().apply(java.util.Map.of("cost_filament_price_per_kg", "30"));
    browser.findElement(By.id("d-recompute")).click();
    wait.until(d -> "0.38".equals(d.findElement(By.cssSelector("#detail [data-total]"))
        .getAttribute("data-total")));
    assertEquals(0.38, ServerHarness.json(h.get("/api/jobs/" + id)).path("cost").path("total")
        .asDouble(), 1e-9, "the recompute is stored");
  }

  @Test
  void theJobDetailShowsThePrintsPictureAndEditsTheBusinessFields() throws Exception {
    h.printers.bambu.get(0).startJob("Gear_Box.gcode.3mf", JobKind.LAN);
    ServerHarness.await("the Bambu job with the picture from its 3MF", () -> h.jobCount() == 1
        && h.server.engine().jobStore().thumbnail(h.server.engine().jobs(JobQuery.all()).get(0)
            .id()).isPresent());
    String id = h.server.engine().jobs(JobQuery.all()).get(0).id();
    fromRow("Gear_Box", r -> {
      r.findElement(By.cssSelector(".detail-btn")).click();
      return Boolean.TRUE;
    });
    WebElement img = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#d-thumb img.thumb")));
    wait.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
        "return arguments[0].naturalWidth", img)).intValue()
        == dev.printernizer.simulators.SimThreeMf.THUMBNAIL_SIDE);
    assertTrue(browser.findElement(By.id("d-body")).getText().contains("BambuStudio"),
        "the slicer read from the 3MF");
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("..", "docs", "images", "job-detail.png"), png);
    browser.findElement(By.id("d-edit")).click();
    WebElement customer = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#edit input[name=customer]")));
    customer.sendKeys("Werkstatt Nord");
    browser.findElement(By.id("edit-save")).click();
    wait.until(d -> d.findElement(By.cssSelector("#detail table.business")).getText()
        .contains("Werkstatt Nord"));
    assertEquals("Werkstatt Nord", h.server.engine().job(id).orElseThrow().business().customer());
  }

  /** With a token the page asks for it in a form; pictures and the event stream then work. */
  @Test
  void aServerWithATokenAsksForItOnceInAForm() throws Exception {
    h.close();
    h = new ServerHarness(dir.resolve("data-token"), "farm-s3cret");
    browser.get(h.base() + "/?token=farm-s3cret"); // the URL is not a way in any more
    WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#login input[name=token]")));
    assertEquals(0, browser.findElements(By.cssSelector(".card.printer")).size());
    field.sendKeys("wrong");
    browser.findElement(By.id("login-submit")).click();
    wait.until(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
    field.clear();
    field.sendKeys("farm-s3cret");
    browser.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".card.printer"), 5));
    tab("jobs");
    h.printers.bambu.get(0).startJob("After_Sign_In.gcode.3mf", JobKind.LAN);
    wait.until(d -> d.findElements(By.cssSelector(".toast")).stream()
        .anyMatch(e -> e.getText().contains("After_Sign_In")));
  }

  @Test
  void aPrinterAddedInTheSettingsIsTestedSavedAndPrints() throws Exception {
    try (var mini = dev.printernizer.simulators.PrusaLinkSimulator.builder(
        dev.printernizer.simulators.PrusaLinkSimulator.Flavour.BUDDY,
        dev.printernizer.time.EngineClock.system()).username("maker").password("mini-pw")
        .start()) {
      tab("settings");
      wait.until(ExpectedConditions.elementToBeClickable(By.id("printer-add"))).click();
      WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.id("printer-form")));
      form.findElement(By.name("id")).sendKeys("keller-mini");
      form.findElement(By.name("name")).sendKeys("Keller MINI");
      form.findElement(By.name("host")).sendKeys("127.0.0.1");
      form.findElement(By.name("port")).sendKeys(String.valueOf(mini.port()));
      form.findElement(By.name("username")).sendKeys("maker");
      assertTrue(!form.findElement(By.name("serial")).isDisplayed(), "no serial for Prusa");
      form.findElement(By.name("secret")).sendKeys("wrong-pw");
      browser.findElement(By.id("pd-test")).click();
      wait.until(d -> d.findElement(By.id("pd-result")).getText()
          .contains("Keine Verbindung: Zugangscode abgelehnt"));
      form.findElement(By.name("secret")).clear();
      form.findElement(By.name("secret")).sendKeys("mini-pw");
      browser.findElement(By.id("pd-test")).click();
      wait.withMessage(() -> "the test answered: " + browser.findElement(By.id("pd-result"))
          .getText() + " / " + browser.findElement(By.id("pd-error")).getText())
          .until(d -> d.findElement(By.id("pd-result")).getText().contains("Verbindung OK"));
      browser.findElement(By.id("pd-save")).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("printer-dialog")));
      wait.until(d -> d.findElement(By.id("printer-admin")).getText().contains("keller-mini"));

      tab("dashboard");
      WebElement card = wait.until(d -> d.findElements(By.cssSelector(".card.printer")).stream()
          .filter(c -> c.getText().contains("Keller MINI") && c.getText().contains("Bereit"))
          .findFirst().orElse(null));
      assertTrue(card.getText().contains("Bereit"), "the state in German: " + card.getText());
      mini.startPrint("Mini_Clip.bgcode");
      jobRow("Mini_Clip");
      assertTrue(Files.readString(h.data.resolve("printers.json")).contains("keller-mini"));
    }
  }

  @Test
  void aFailedRequestIsShownInTheBar() throws Exception {
    h.server.close(); // the server goes away under the open page
    WebElement bar = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.id("request-error")));
    wait.until(d -> d.findElement(By.id("request-error")).getText()
        .contains("Anfrage fehlgeschlagen"));
    assertTrue(bar.getText().contains("GET /api/printers")
        || bar.getText().contains("Verbindung zum Server unterbrochen"), bar.getText());
    h.start(); // a server again, on another port, for @AfterEach to close
  }

  @Test
  void aPauseUpdatesTheJobRowFromTheEventWithoutFetchingTheList() {
    var prusa = h.printers.prusa.get(0);
    prusa.startPrint("Hook_Pause.bgcode");
    prusa.setProgress(30);
    jobRow("Hook_Pause");
    String count = "return performance.getEntriesByType('resource')"
        + ".filter(e => e.name.includes('/api/jobs?')).length";
    Object before = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(count);
    prusa.attention(); // the printer pauses: a job_status_changed event carries the job
    wait.until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).stream() // no tab click
        .anyMatch(r -> r.getText().contains("Hook_Pause") && r.getText().contains("Pausiert")));
    assertEquals(before, ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(count),
        "the row was updated from the event's payload, the list was not fetched again");
  }
}
