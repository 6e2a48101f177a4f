package dev.printernizer.api;

import dev.printernizer.internal.util.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One job record: a print run the engine created automatically, or a job a person created (and
 * the engine may have adopted).
 *
 * <p>A job has four separately stored parts: its identity (id, printer, name, file), the
 * {@link Tracking} the engine maintains, the {@link BusinessFields} people edit, and (since 0.3)
 * the {@link PrintFile} description a driver read from the print's file after the job was
 * created, and (since 0.3) the {@link JobCost} recorded when it closed. Auto-created
 * and adopted jobs also carry a {@link RunLink} with the auto-creation metadata (P15);
 * {@link #customerInfo()} offers the same data in the original Printernizer's
 * {@code customer_info} shape. Instances are immutable; {@link #toBuilder()} makes changed copies.
 *
 * @since 0.1
 */
public final class Job {
  private final String id;
  private final PrinterId printerId;
  private final String name;
  private final @Nullable String fileName;
  private final @Nullable String normalizedFile;
  private final boolean autoCreated;
  private final Instant createdAt;
  private final @Nullable RunLink run;
  private final Tracking tracking;
  private final BusinessFields business;
  private final @Nullable PrintFile printFile;
  private final @Nullable JobCost cost;
  private final long version;

  private Job(Builder b) {
    this.id = b.id;
    this.printerId = b.printerId;
    this.name = b.name;
    this.fileName = b.fileName;
    this.normalizedFile = b.normalizedFile != null ? b.normalizedFile
        : b.fileName == null ? null : FileNames.normalize(b.fileName);
    this.autoCreated = b.autoCreated;
    this.createdAt = b.createdAt;
    this.run = b.run;
    this.tracking = b.tracking;
    this.business = b.business;
    this.printFile = b.printFile;
    this.cost = b.cost;
    this.version = b.version;
    if (autoCreated && run == null) {
      throw new IllegalArgumentException("an auto-created job needs its run link");
    }
    if (run == null && tracking.status().isOpen()) {
      throw new IllegalArgumentException("a job without a run link cannot be " + tracking.status());
    }
  }

  /**
   * Starts a job.
   *
   * @param id the job id (unique in the store; 1-64 characters)
   * @param printerId the printer
   * @param name display name (1-500 characters)
   * @param createdAt when the record was created
   * @return a builder
   * @since 0.1
   */
  public static Builder builder(String id, PrinterId printerId, String name, Instant createdAt) {
    return new Builder(id, printerId, name, createdAt);
  }

  /**
   * @return the job id
   * @since 0.1
   */
  public String id() {
    return id;
  }

  /**
   * @return the printer
   * @since 0.1
   */
  public PrinterId printerId() {
    return printerId;
  }

  /**
   * @return the display name (cleaned file name for auto jobs)
   * @since 0.1
   */
  public String name() {
    return name;
  }

  /**
   * @return the raw file name as the printer reported it
   * @since 0.1
   */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }

  /**
   * The dedup key of the print's name ({@link FileNames#normalize}): of the file name, or of the
   * name the printer shows for the print when it has one (Bambu {@code subtask_name}). Stores keep
   * it as given.
   *
   * @return the dedup key, if the job has a file or print name
   * @since 0.1
   */
  public Optional<String> normalizedFile() {
    return Optional.ofNullable(normalizedFile);
  }

  /**
   * @return whether the engine created this job
   * @since 0.1
   */
  public boolean autoCreated() {
    return autoCreated;
  }

  /**
   * @return when the record was created
   * @since 0.1
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * @return the run link, on auto-created and adopted jobs
   * @since 0.1
   */
  public Optional<RunLink> run() {
    return Optional.ofNullable(run);
  }

  /**
   * @return the tracking fields
   * @since 0.1
   */
  public Tracking tracking() {
    return tracking;
  }

  /**
   * @return shortcut for {@code tracking().status()}
   * @since 0.1
   */
  public JobStatus status() {
    return tracking.status();
  }

  /**
   * @return the business fields
   * @since 0.1
   */
  public BusinessFields business() {
    return business;
  }

  /**
   * @return the store's version counter, raised on every change
   * @since 0.1
   */
  public long version() {
    return version;
  }

  /**
   * The auto-creation metadata in the original Printernizer's {@code customer_info} shape:
   * {@code auto_created}, {@code discovery_time}, {@code discovered_on_startup},
   * {@code printer_start_time} (ISO-8601 UTC or null), plus {@code detection}. Empty for jobs that
   * are not linked to a run.
   *
   * @return an unmodifiable ordered map
   * @since 0.1
   */
  public Map<String, Object> customerInfo() {
    if (run == null) {
      return Map.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("auto_created", autoCreated);
    m.put("discovery_time", run.discoveryTime().toString());
    m.put("discovered_on_startup", run.discoveredOnStartup());
    m.put("printer_start_time",
        run.printerStartTime() == null ? null : run.printerStartTime().toString());
    m.put("detection", run.detection().name());
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * @return {@link #customerInfo()} as a JSON object text
   * @since 0.1
   */
  public String customerInfoJson() {
    return Json.write(customerInfo());
  }

  /**
   * @return what the print's file says (estimated time, filament, slicer), once a driver read it
   * @since 0.3
   */
  public Optional<PrintFile> printFile() {
    return Optional.ofNullable(printFile);
  }

  /**
   * The filament this job used, once it is closed and its print file description planned
   * amounts: all of the plan for a completed print, else the share of layers (or of progress)
   * printed; see {@link FilamentUsage}.
   *
   * @return the usage; empty while open, or without a description with amounts
   * @since 0.3
   */
  public Optional<FilamentUsage> filamentUsed() {
    return printFile == null ? Optional.empty() : FilamentUsage.of(printFile, tracking);
  }

  /**
   * The cost recorded when the job closed, with the rates used ({@link JobCost}).
   *
   * @return the breakdown; empty while open, or when nothing could be priced
   * @since 0.3
   */
  public Optional<JobCost> cost() {
    return Optional.ofNullable(cost);
  }

  /**
   * What the job cost: the amount a person entered ({@link BusinessFields#materialCost()}) where
   * set, which wins; else the recorded cost's total.
   *
   * @return the cost, if either is known
   * @since 0.3
   */
  public Optional<java.math.BigDecimal> costTotal() {
    if (business.materialCost() != null) {
      return Optional.of(business.materialCost());
    }
    return cost == null ? Optional.empty() : Optional.of(cost.total());
  }

  /**
   * @return a builder holding this job's values
   * @since 0.1
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, printerId, name, createdAt);
    b.fileName = fileName;
    b.normalizedFile = normalizedFile;
    b.autoCreated = autoCreated;
    b.run = run;
    b.tracking = tracking;
    b.business = business;
    b.printFile = printFile;
    b.cost = cost;
    b.version = version;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Job)) {
      return false;
    }
    Job j = (Job) o;
    return id.equals(j.id) && printerId.equals(j.printerId) && name.equals(j.name)
        && Objects.equals(fileName, j.fileName) && Objects.equals(normalizedFile, j.normalizedFile)
        && autoCreated == j.autoCreated
        && createdAt.equals(j.createdAt) && Objects.equals(run, j.run)
        && tracking.equals(j.tracking) && business.equals(j.business)
        && Objects.equals(printFile, j.printFile) && Objects.equals(cost, j.cost)
        && version == j.version;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Job{" + id + " " + printerId + " '" + name + "' " + tracking.status()
        + (autoCreated ? " auto" : "") + (run == null ? "" : " run=" + run.runKey())
        + " start=" + tracking.startTime().orElse(null)
        + " end=" + tracking.endTime().orElse(null) + "}";
  }

  /**
   * Builder for {@link Job}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String id;
    private final PrinterId printerId;
    private String name;
    private final Instant createdAt;
    private @Nullable String fileName;
    private @Nullable String normalizedFile;
    private boolean autoCreated;
    private @Nullable RunLink run;
    private Tracking tracking = Tracking.planned();
    private BusinessFields business = BusinessFields.EMPTY;
    private @Nullable PrintFile printFile;
    private @Nullable JobCost cost;
    private long version;

    private Builder(String id, PrinterId printerId, String name, Instant createdAt) {
      Objects.requireNonNull(id, "id");
      if (id.isEmpty() || id.length() > 64) {
        throw new IllegalArgumentException("job id must be 1-64 characters");
      }
      this.id = id;
      this.printerId = Objects.requireNonNull(printerId, "printerId");
      name(name);
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * @param name display name, 1-500 characters
     * @return this
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 500) {
        throw new IllegalArgumentException("job name must be 1-500 characters, not blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the dedup key when it is not the file name's: for a print the printer names other
     * than by its file (Bambu {@code subtask_name}). Null derives it from the file name.
     *
     * @param normalizedFile a key as {@link FileNames#normalize} makes it (at most 1024
     *     characters), or null
     * @return this
     * @since 0.2
     */
    public Builder normalizedFile(@Nullable String normalizedFile) {
      if (normalizedFile != null && (normalizedFile.isBlank() || normalizedFile.length() > 1024)) {
        throw new IllegalArgumentException("normalizedFile must be 1-1024 characters, not blank");
      }
      this.normalizedFile = normalizedFile;
      return this;
    }

    /**
     * @param fileName raw file name (at most 1024 characters), or null
     * @return this
     */
    public Builder fileName(@Nullable String fileName) {
      if (fileName != null && (fileName.isBlank() || fileName.length() > 1024)) {
        throw new IllegalArgumentException("file name must be 1-1024 characters, not blank");
      }
      this.fileName = fileName;
      this.normalizedFile = null; // derived from the new name unless set after this
      return this;
    }

    /**
     * @param autoCreated whether the engine created it
     * @return this
     */
    public Builder autoCreated(boolean autoCreated) {
      this.autoCreated = autoCreated;
      return this;
    }

    /**
     * @param run run link or null
     * @return this
     */
    public Builder run(@Nullable RunLink run) {
      this.run = run;
      return this;
    }

    /**
     * @param tracking tracking fields
     * @return this
     */
    public Builder tracking(Tracking tracking) {
      this.tracking = Objects.requireNonNull(tracking, "tracking");
      return this;
    }

    /**
     * @param business business fields
     * @return this
     */
    public Builder business(BusinessFields business) {
      this.business = Objects.requireNonNull(business, "business");
      return this;
    }

    /**
     * @param printFile what the print's file says, or null while unknown
     * @return this
     * @since 0.3
     */
    public Builder printFile(@Nullable PrintFile printFile) {
      this.printFile = printFile;
      return this;
    }

    /**
     * @param cost the recorded cost, or null
     * @return this
     * @since 0.3
     */
    public Builder cost(@Nullable JobCost cost) {
      this.cost = cost;
      return this;
    }

    /**
     * @param version store version counter
     * @return this
     */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /**
     * @return the job
     * @throws IllegalArgumentException on inconsistent values
     */
    public Job build() {
      return new Job(this);
    }
  }
}
