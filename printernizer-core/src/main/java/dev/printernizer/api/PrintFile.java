package dev.printernizer.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the print's file says about the print, as its slicer wrote it: estimated printing time,
 * filament per extruder or AMS slot, slicer, layer height and plate. A driver that can read the
 * file (an optional capability, {@link dev.printernizer.spi.PrintFileReader}) provides it after
 * the job was created; the engine links it to the job when it arrives.
 *
 * <p>Every field is optional: printers and slicers differ in what they record. Immutable.
 *
 * @since 0.3
 */
public final class PrintFile {
  /** The longest slicer text kept (name and version). */
  public static final int MAX_SLICER = 200;
  /** The most filament entries kept. */
  public static final int MAX_FILAMENTS = 64;

  private final @Nullable Duration estimatedTime;
  private final List<FilamentUse> filaments;
  private final @Nullable String slicer;
  private final @Nullable Double layerHeightMm;
  private final @Nullable Integer plate;

  private PrintFile(@Nullable Duration estimatedTime, List<FilamentUse> filaments,
      @Nullable String slicer, @Nullable Double layerHeightMm, @Nullable Integer plate) {
    if (estimatedTime != null && (estimatedTime.isNegative()
        || estimatedTime.compareTo(Duration.ofDays(3650)) > 0)) {
      throw new IllegalArgumentException("estimatedTime must be 0-3650 days, was "
          + estimatedTime);
    }
    if (filaments.size() > MAX_FILAMENTS) {
      throw new IllegalArgumentException("at most " + MAX_FILAMENTS + " filaments, got "
          + filaments.size());
    }
    if (slicer != null && (slicer.isBlank() || slicer.length() > MAX_SLICER)) {
      throw new IllegalArgumentException("slicer must be 1-" + MAX_SLICER + " characters");
    }
    if (layerHeightMm != null && !(layerHeightMm > 0 && layerHeightMm <= 10)) {
      throw new IllegalArgumentException("layerHeightMm must be above 0 and at most 10, was "
          + layerHeightMm);
    }
    if (plate != null && (plate < 1 || plate > 1000)) {
      throw new IllegalArgumentException("plate must be 1-1000, was " + plate);
    }
    this.estimatedTime = estimatedTime;
    this.filaments = List.copyOf(filaments);
    this.slicer = slicer == null ? null : slicer.strip();
    this.layerHeightMm = layerHeightMm;
    this.plate = plate;
  }

  /**
   * Starts an empty description.
   *
   * @return a builder
   * @since 0.3
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the slicer's estimate of the printing time
   * @since 0.3
   */
  public Optional<Duration> estimatedTime() {
    return Optional.ofNullable(estimatedTime);
  }

  /**
   * @return the filament per slot, in slot order; empty when the file does not say
   * @since 0.3
   */
  public List<FilamentUse> filaments() {
    return filaments;
  }

  /**
   * @return the planned filament weight over all slots, when every slot gives one
   * @since 0.3
   */
  public Optional<Double> totalGrams() {
    return totalGrams(filaments);
  }

  /** The weight over all slots, when every slot gives one (also for {@link FilamentUsage}). */
  static Optional<Double> totalGrams(List<FilamentUse> filaments) {
    if (filaments.isEmpty() || filaments.stream().anyMatch(f -> f.grams() == null)) {
      return Optional.empty();
    }
    return Optional.of(filaments.stream().mapToDouble(f -> Objects.requireNonNull(f.grams()))
        .sum());
  }

  /**
   * @return the slicer and its version, as the file names it
   * @since 0.3
   */
  public Optional<String> slicer() {
    return Optional.ofNullable(slicer);
  }

  /**
   * @return the layer height in millimetres
   * @since 0.3
   */
  public Optional<Double> layerHeightMm() {
    return Optional.ofNullable(layerHeightMm);
  }

  /**
   * @return the plate of a multi-plate project (Bambu), from 1
   * @since 0.3
   */
  public Optional<Integer> plate() {
    return Optional.ofNullable(plate);
  }

  /**
   * @return a builder holding these values
   * @since 0.3
   */
  public Builder toBuilder() {
    return new Builder().estimatedTime(estimatedTime).filaments(filaments).slicer(slicer)
        .layerHeightMm(layerHeightMm).plate(plate);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PrintFile)) {
      return false;
    }
    PrintFile p = (PrintFile) o;
    return Objects.equals(estimatedTime, p.estimatedTime) && filaments.equals(p.filaments)
        && Objects.equals(slicer, p.slicer) && Objects.equals(layerHeightMm, p.layerHeightMm)
        && Objects.equals(plate, p.plate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(estimatedTime, filaments, slicer, layerHeightMm, plate);
  }

  @Override
  public String toString() {
    return "PrintFile{estimated=" + estimatedTime + " filaments=" + filaments + " slicer="
        + slicer + " layer=" + layerHeightMm + " plate=" + plate + "}";
  }

  /**
   * Builder for {@link PrintFile}. Not thread-safe.
   *
   * @since 0.3
   */
  public static final class Builder {
    private @Nullable Duration estimatedTime;
    private List<FilamentUse> filaments = List.of();
    private @Nullable String slicer;
    private @Nullable Double layerHeightMm;
    private @Nullable Integer plate;

    private Builder() {}

    /**
     * @param estimatedTime the slicer's estimate (0-3650 days), or null
     * @return this
     */
    public Builder estimatedTime(@Nullable Duration estimatedTime) {
      this.estimatedTime = estimatedTime;
      return this;
    }

    /**
     * @param filaments the filament per slot (at most {@value PrintFile#MAX_FILAMENTS})
     * @return this
     */
    public Builder filaments(List<FilamentUse> filaments) {
      this.filaments = List.copyOf(filaments);
      return this;
    }

    /**
     * @param slicer the slicer and version (1-{@value PrintFile#MAX_SLICER} characters), or null
     * @return this
     */
    public Builder slicer(@Nullable String slicer) {
      this.slicer = slicer;
      return this;
    }

    /**
     * @param layerHeightMm the layer height in mm (above 0, at most 10), or null
     * @return this
     */
    public Builder layerHeightMm(@Nullable Double layerHeightMm) {
      this.layerHeightMm = layerHeightMm;
      return this;
    }

    /**
     * @param plate the plate number (1-1000), or null
     * @return this
     */
    public Builder plate(@Nullable Integer plate) {
      this.plate = plate;
      return this;
    }

    /**
     * @return the description
     * @throws IllegalArgumentException for a bad value, naming the field
     */
    public PrintFile build() {
      return new PrintFile(estimatedTime, filaments, slicer, layerHeightMm, plate);
    }
  }
}
