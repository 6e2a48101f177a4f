package dev.printernizer.spi;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.internal.util.Keys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Collects what is wrong with one printer's configuration, for
 * {@link PrinterDriverProvider#validate(PrinterConfig)}: every problem names the printer and the
 * key, so a user fixing a configuration file sees all of them at once. Never include a
 * credential in a message. Not thread-safe; use one per check.
 *
 * @since 0.2
 */
public final class ConfigProblems {
  private final PrinterConfig config;
  private final List<String> problems = new ArrayList<>();

  private ConfigProblems(PrinterConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * @param config the configuration being checked
   * @return an empty collection of problems
   * @since 0.2
   */
  public static ConfigProblems of(PrinterConfig config) {
    return new ConfigProblems(config);
  }

  /**
   * Adds a problem with a key.
   *
   * @param key the configuration key or option, e.g. {@code host} or {@code watchdog_seconds}
   * @param message what is wrong and how to fix it
   * @return this
   * @since 0.2
   */
  public ConfigProblems add(String key, String message) {
    problems.add("printer " + config.id() + ": " + key + ": " + message);
    return this;
  }

  /**
   * Adds a problem with a key unless the condition holds.
   *
   * @param ok whether the value is fine
   * @param key the key
   * @param message what is wrong and how to fix it
   * @return this
   * @since 0.2
   */
  public ConfigProblems require(boolean ok, String key, String message) {
    return ok ? this : add(key, message);
  }

  /**
   * Refuses every option the driver does not know, naming the closest known one.
   *
   * @param known the driver's option names
   * @return this
   * @since 0.2
   */
  public ConfigProblems onlyOptions(Collection<String> known) {
    for (String key : config.options().keySet()) {
      if (!known.contains(key)) {
        String near = closest(key, known);
        add(key, "unknown option" + (near == null ? "" : "; did you mean '" + near + "'?")
            + " Known options: " + new TreeSet<>(known));
      }
    }
    return this;
  }

  /**
   * For {@link PrinterDriverProvider#create}: refuses a configuration that
   * {@link PrinterDriverProvider#validate} found problems with.
   *
   * @param problems what validate returned
   * @throws IllegalArgumentException listing every problem, when there is one
   * @since 0.2
   */
  public static void requireNone(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * @return the problems found, in order
   * @since 0.2
   */
  public List<String> list() {
    return List.copyOf(problems);
  }

  /**
   * The known key closest to a misspelt one (edit distance, ignoring case, '-' and '_'), or null
   * when none is close.
   *
   * @param key the unknown key
   * @param known the known keys
   * @return the closest known key, or null
   * @since 0.2
   */
  public static @Nullable String closest(String key, Collection<String> known) {
    return Keys.closest(key, known);
  }
}
