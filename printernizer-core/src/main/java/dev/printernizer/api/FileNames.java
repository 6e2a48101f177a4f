package dev.printernizer.api;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The one place where printer file names are cleaned (promise P12).
 *
 * <p>{@link #normalize(String)} gives the key that deduplication compares: folders dropped
 * ({@code cache/}, {@code /sdcard/}, {@code usb/} or any other), surrounding white space trimmed,
 * one print extension removed ({@code .gcode.3mf}, {@code .gcode}, {@code .bgcode}, {@code .3mf},
 * {@code .gco}, {@code .g}), Unicode in NFC form and lower case. {@link #jobName(String)} gives the
 * display name: the same cleaning but the letter case kept. Both are pure functions.
 *
 * @since 0.1
 */
public final class FileNames {
  private static final List<String> EXTENSIONS =
      List.of(".gcode.3mf", ".bgcode", ".gcode", ".3mf", ".gco", ".g");

  private FileNames() {}

  /**
   * The display name of a file: folder and print extension removed, case kept.
   *
   * @param raw the file name as the printer reports it
   * @return the cleaned name; the trimmed raw name if cleaning would leave nothing
   * @since 0.1
   */
  public static String jobName(String raw) {
    String s = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
    if (slash >= 0) {
      s = s.substring(slash + 1).strip();
    }
    String lower = s.toLowerCase(Locale.ROOT);
    for (String ext : EXTENSIONS) {
      if (lower.endsWith(ext) && lower.length() > ext.length()) {
        s = s.substring(0, s.length() - ext.length()).strip();
        break;
      }
    }
    return s.isEmpty() ? raw.strip() : s;
  }

  /**
   * The dedup key of a file name: {@link #jobName(String)} in lower case.
   *
   * @param raw the file name as the printer reports it
   * @return the key
   * @since 0.1
   */
  public static String normalize(String raw) {
    return jobName(raw).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a file is a printer system file (calibration, built-in routine): anything under
   * {@code /usr/}.
   *
   * @param raw the file name as the printer reports it
   * @return whether it is a system file
   * @since 0.1
   */
  public static boolean isSystemFile(String raw) {
    String s = raw.strip().replace('\\', '/');
    return s.startsWith("/usr/") || s.startsWith("usr/");
  }
}
