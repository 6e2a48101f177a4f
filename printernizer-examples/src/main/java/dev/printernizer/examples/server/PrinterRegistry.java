package dev.printernizer.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The printers added in the UI, kept in the data directory: {@code printers.json} (everything but
 * the secrets) and {@code printer-secrets.properties} (access codes, passwords, API keys; readable
 * and writable by the server's user only, 0600). Each file is written to a temporary file and
 * moved into place, so a crash leaves the old or the new version, never half of one. A file that
 * cannot be read stops the start with its name: nothing opens as "no printers" silently.
 * Not thread-safe: the caller serializes changes.
 */
final class PrinterRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PrinterRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path printersFile;
  private final Path secretsFile;

  PrinterRegistry(Path dataDir) {
    this.printersFile = dataDir.resolve("printers.json");
    this.secretsFile = dataDir.resolve("printer-secrets.properties");
  }

  /**
   * @return the saved printers, secrets included (none when nothing was saved yet)
   * @throws IOException naming the file that cannot be read or is damaged
   */
  List<PrinterConfig> load() throws IOException {
    if (!Files.exists(printersFile)) {
      return List.of();
    }
    Properties secrets = new Properties();
    if (Files.exists(secretsFile)) {
      tighten(secretsFile);
      secrets.load(new StringReader(Files.readString(secretsFile, StandardCharsets.UTF_8)));
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(printersFile, StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(printersFile + " is damaged (" + e.getOriginalMessage()
          + "); fix or remove it", e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(printersFile + " is damaged (not a list of printers); fix or"
          + " remove it");
    }
    List<PrinterConfig> out = new ArrayList<>();
    for (JsonNode n : root) {
      try {
        out.add(PrinterJson.config(n, secrets.getProperty(n.path("id").asText())));
      } catch (IllegalArgumentException e) {
        throw new IOException(printersFile + ": printer '" + n.path("id").asText() + "': "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Saves the printers (replacing what was saved).
   *
   * @param printers the UI's printers
   * @throws IOException if a file cannot be written (the old files stay as they were)
   */
  void save(List<PrinterConfig> printers) throws IOException {
    ArrayNode a = JSON.createArrayNode();
    Map<String, String> secrets = new TreeMap<>();
    for (PrinterConfig p : printers) {
      ObjectNode n = PrinterJson.json(p);
      a.add(n);
      p.credential().ifPresent(s -> secrets.put(p.id().value(), s.reveal()));
    }
    Properties props = new Properties() {
      private static final long serialVersionUID = 1L;

      @Override
      public synchronized java.util.Enumeration<Object> keys() { // stable order on disk
        return java.util.Collections.enumeration(new java.util.TreeSet<>(super.keySet()));
      }
    };
    props.putAll(secrets);
    StringWriter w = new StringWriter();
    props.store(w, "printer secrets, written by the reference server; keep this file 0600");
    // both written to temporary files first: a full disk or a permission problem fails before
    // either file is replaced
    Path secretsTmp = temp(secretsFile, w.toString(), true);
    Path printersTmp;
    try {
      printersTmp = temp(printersFile,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a) + "\n", false);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(secretsTmp);
      throw e;
    }
    try {
      move(printersTmp, printersFile);
      move(secretsTmp, secretsFile);
    } finally {
      Files.deleteIfExists(printersTmp);
      Files.deleteIfExists(secretsTmp);
    }
  }

  private static Path temp(Path target, String text, boolean secret) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path tmp = secret && posix
        ? Files.createTempFile(dir, ".printers", ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, ".printers", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    if (secret && !posix) {
      LOG.warn("{}: this file system has no POSIX permissions; make sure only the server's user"
          + " can read this file", target);
    }
    return tmp;
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A secrets file that others can read is made owner-only, with a warning. */
  private static void tighten(Path file) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(now)) {
      LOG.warn("{} was readable by others ({}); it holds printer secrets: set to rw-------",
          file, PosixFilePermissions.toString(now));
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  /** @return the printer ids of a list */
  static Set<PrinterId> ids(List<PrinterConfig> printers) {
    Set<PrinterId> out = new java.util.HashSet<>();
    printers.forEach(p -> out.add(p.id()));
    return out;
  }
}
