package dev.printernizer.internal.engine;

import dev.printernizer.api.FileNames;
import dev.printernizer.api.StatusSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Makes whatever a printer calls its file and its job fit a job record, so that an odd name never
 * costs a print its job: file names are kept as reported up to {@value #MAX_FILE} characters
 * (longer ones cut visibly with "…"), control characters become U+FFFD, printer job ids over
 * {@value #MAX_JOB_ID} characters and long file parts of run keys are shortened with a hash that
 * keeps them distinct. Pure functions.
 */
final class RunNames {
  /** A job's file name, as the store keeps it. */
  static final int MAX_FILE = 1024;
  /** A job's display name. */
  static final int MAX_NAME = 500;
  /** The printer's job id, as the store keeps it. */
  static final int MAX_JOB_ID = 128;
  /** The file part of a run key (whose whole is at most 512). */
  static final int MAX_KEY_FILE = 200;
  static final String UNNAMED = "Unnamed print";
  private static final char ELLIPSIS = '\u2026';

  private RunNames() {}

  /** The snapshot with its file name and job id in the bounds of a job record. */
  static StatusSnapshot bounded(StatusSnapshot s) {
    String file = s.fileName().orElse(null);
    String name = s.displayName().orElse(null);
    String id = s.printerJobId().orElse(null);
    String boundedFile = file == null ? null : file(file);
    String boundedName = name == null ? null : file(name);
    String boundedId = id == null ? null : jobId(id);
    if (java.util.Objects.equals(file, boundedFile) && java.util.Objects.equals(id, boundedId)
        && java.util.Objects.equals(name, boundedName)) {
      return s;
    }
    return s.toBuilder().fileName(boundedFile).displayName(boundedName).printerJobId(boundedId)
        .build();
  }

  /** A file name as stored: controls replaced, at most {@value #MAX_FILE} characters. */
  static String file(String raw) {
    return cut(clean(raw), MAX_FILE);
  }

  /** A printer job id as stored: controls replaced; too long: a prefix and a hash. */
  static String jobId(String raw) {
    String c = clean(raw);
    return c.length() <= MAX_JOB_ID ? c : c.substring(0, MAX_JOB_ID - 17) + "~" + hash(c);
  }

  /** The display name of a job for this file (or "Unnamed print"), at most {@value #MAX_NAME}. */
  static String jobName(@Nullable String file) {
    if (file == null) {
      return UNNAMED;
    }
    String name = FileNames.jobName(file).strip();
    return name.isEmpty() ? UNNAMED : cut(name, MAX_NAME);
  }

  /** The file part of a run key: the normalized name, or a prefix and a hash when long. */
  static String keyFile(@Nullable String normFile) {
    if (normFile == null) {
      return "";
    }
    return normFile.length() <= MAX_KEY_FILE ? normFile
        : normFile.substring(0, MAX_KEY_FILE - 17) + "~" + hash(normFile);
  }

  private static String clean(String raw) {
    StringBuilder b = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isISOControl(c) || (Character.isSurrogate(c) && !validSurrogate(raw, i))) {
        if (b == null) {
          b = new StringBuilder(raw.length()).append(raw, 0, i);
        }
        b.append('\uFFFD');
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? raw : b.toString();
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return s.substring(0, end) + ELLIPSIS;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        b.append(String.format("%02x", d[i]));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
