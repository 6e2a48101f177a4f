package dev.printernizer.examples.server;

import dev.printernizer.api.Secret;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where the job history lives: the embedded H2 in the data directory (no {@code url}), or a
 * database server reached by a JDBC URL through a connection pool. The password is a
 * {@link Secret}: never in {@link #toString()}, and {@link #describe()} hides a password written
 * into the URL.
 */
final class DatabaseConfig {
  /** The kinds of URL the store supports. */
  static final List<String> PREFIXES = List.of("jdbc:postgresql:", "jdbc:mariadb:",
      "jdbc:mysql:", "jdbc:sqlite:", "jdbc:h2:");
  static final int DEFAULT_POOL = 10;

  final @Nullable String url;
  final @Nullable String user;
  final @Nullable Secret password;
  final int poolSize;

  DatabaseConfig(@Nullable String url, @Nullable String user, @Nullable Secret password,
      int poolSize) {
    if (url != null) {
      String lower = url.toLowerCase(Locale.ROOT);
      if (PREFIXES.stream().noneMatch(lower::startsWith)) {
        throw new IllegalArgumentException("'" + redact(url) + "' is not a supported JDBC URL;"
            + " use jdbc:postgresql://host/db, jdbc:mariadb://host/db, jdbc:mysql://host/db,"
            + " jdbc:sqlite:/path/file.db or jdbc:h2:/path/file");
      }
    }
    if (poolSize < 1 || poolSize > 100) {
      throw new IllegalArgumentException("pool_size must be 1-100, was " + poolSize);
    }
    this.url = url;
    this.user = user;
    this.password = password;
    this.poolSize = poolSize;
  }

  /** @return the embedded database in the data directory */
  static DatabaseConfig embedded() {
    return new DatabaseConfig(null, null, null, DEFAULT_POOL);
  }

  /** @return whether the history is in the embedded H2 of the data directory */
  boolean embeddedH2() {
    return url == null;
  }

  /** @return the URL with any password in it replaced by ***, for messages and logs */
  String describe() {
    return url == null ? "the embedded database" : redact(url) + (user == null ? ""
        : " as " + user);
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***")
        .replaceAll("(//[^/:@]+:)[^/@]*@", "$1***@");
  }

  @Override
  public String toString() {
    return "DatabaseConfig{" + describe() + ", pool " + poolSize + "}";
  }
}
