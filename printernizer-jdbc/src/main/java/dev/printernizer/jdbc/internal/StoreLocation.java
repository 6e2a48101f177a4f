package dev.printernizer.jdbc.internal;

import java.nio.file.Path;

/**
 * Where a job store lives, for error messages, and whether it must already hold a schema.
 *
 * @param name how messages name it: "the job store database", or the H2 file with its path
 * @param advice what to do when it holds a damaged schema (one or two sentences)
 * @param mustHoldSchema true when the database existed before this start (an H2 file that was
 *     already there), so that finding no Printernizer tables at all means damage, not a new store
 */
public record StoreLocation(String name, String advice, boolean mustHoldSchema) {

  /** @return a host's data source: its URL is not named, as it may carry credentials */
  public static StoreLocation dataSource() {
    return new StoreLocation("the job store database", "Restore the database from a backup,"
        + " or drop the tables printernizer_jobs and printernizer_schema (or point Printernizer"
        + " at another database) to start a new, empty job history.", false);
  }

  /**
   * @param file the absolute path of the H2 database file
   * @param existed whether the file was there before this start
   * @return the embedded H2 file
   */
  public static StoreLocation h2File(Path file, boolean existed) {
    return new StoreLocation("the H2 database file " + file, "Stop Printernizer and restore"
        + " the file from a backup, or move it away (for example rename it) to start a new,"
        + " empty job history in its place.", existed);
  }
}
