package dev.printernizer.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory or file really read-only for the current user, root included: first with
 * permissions, and where they do not bind (root), with the immutable attribute
 * ({@code chattr +i}, which binds root too). When neither works the test is skipped with a
 * message. {@link #close()} restores the path so that the temporary directory can be removed.
 */
final class ReadOnlyPaths implements AutoCloseable {
  private final Path path;
  private final Set<PosixFilePermission> saved;
  private boolean immutable;

  private ReadOnlyPaths(Path path, Set<PosixFilePermission> saved) {
    this.path = path;
    this.saved = saved;
  }

  /**
   * @param path an existing directory or file
   * @return a handle that undoes the change on close
   */
  static ReadOnlyPaths make(Path path) throws IOException {
    Set<PosixFilePermission> saved = Files.getPosixFilePermissions(path);
    ReadOnlyPaths ro = new ReadOnlyPaths(path, saved);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
        Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
    if (writable(path)) {
      ro.immutable = chattr("+i", path);
    }
    if (writable(path)) {
      ro.close();
      Assumptions.abort("cannot make " + path + " read-only for this user (permissions do not"
          + " bind and chattr +i is unavailable)");
    }
    return ro;
  }

  /** @return whether a file can really be created in the directory, or the file opened to write */
  static boolean writable(Path path) {
    try {
      if (Files.isDirectory(path)) {
        Files.delete(Files.createTempFile(path, "probe", ".tmp"));
      } else {
        FileChannel.open(path, StandardOpenOption.WRITE).close();
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean chattr(String flag, Path path) {
    try {
      Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no chattr on this system
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    if (immutable) {
      chattr("-i", path);
      immutable = false;
    }
    Files.setPosixFilePermissions(path, saved);
  }
}
