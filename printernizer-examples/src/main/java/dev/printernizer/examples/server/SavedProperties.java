package dev.printernizer.examples.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/** The files in the data directory that keep what the UI changed ({@code *.properties}). */
final class SavedProperties {
  private SavedProperties() {}

  /** @return the saved properties, or empty when nothing was saved yet */
  static Optional<Properties> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties saved = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      saved.load(in);
    }
    return Optional.of(saved);
  }

  /** Writes a new file next to {@code file} and then moves it over, so a failure keeps the old. */
  static void save(Path file, Properties p) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    try (OutputStream os = Files.newOutputStream(tmp)) {
      p.store(os, "saved by the Printernizer reference server");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
