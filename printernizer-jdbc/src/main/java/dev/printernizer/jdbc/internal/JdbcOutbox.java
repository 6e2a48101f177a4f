package dev.printernizer.jdbc.internal;

import dev.printernizer.api.PrinterId;
import dev.printernizer.jdbc.JobStoreException;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxBacklog;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The outbox in the database (schema version 6): entries in {@code printernizer_outbox}, written
 * by {@link #write} in the transaction of the job change; a pending row per subscribed
 * destination in {@code printernizer_outbox_deliveries}; destinations and their leases in
 * {@code printernizer_outbox_destinations}. A lease is one conditional update, so instances on
 * one PostgreSQL or MariaDB database never deliver for a destination at the same time while the
 * lease holds.
 */
public final class JdbcOutbox implements Outbox {
  static final String ENTRIES = "printernizer_outbox";
  static final String DESTINATIONS = "printernizer_outbox_destinations";
  static final String DELIVERIES = "printernizer_outbox_deliveries";
  private static final String COLUMNS = "d.destination, d.seq, d.state, d.attempts, d.next_at,"
      + " d.last_error, d.memo, o.event_key, o.event_type, o.at_ms, o.printer_id, o.job_id,"
      + " o.job_version, o.detail";
  private static final String FROM = " FROM " + DELIVERIES + " d JOIN " + ENTRIES
      + " o ON o.seq = d.seq";

  private final DataSource ds;

  /** @param ds the store's data source */
  public JdbcOutbox(DataSource ds) {
    this.ds = ds;
  }

  /**
   * Writes entries in the caller's transaction: each entry whose key is new, and a pending
   * delivery for every destination subscribed to its event.
   *
   * @param c the connection, in the change's transaction
   * @param entries the entries
   * @throws SQLException on failure
   */
  public static void write(Connection c, List<OutboxEntry> entries) throws SQLException {
    for (OutboxEntry e : entries) {
      writeOne(c, e);
    }
  }

  private static boolean writeOne(Connection c, OutboxEntry e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + ENTRIES
        + " WHERE event_key = ?")) {
      ps.setString(1, e.key());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ENTRIES + " (event_key,"
        + " event_type, at_ms, printer_id, job_id, job_version, detail) VALUES (?, ?, ?, ?, ?,"
        + " ?, ?)")) {
      ps.setString(1, e.key());
      ps.setString(2, e.event().wireName());
      ps.setLong(3, e.at().toEpochMilli());
      ps.setString(4, e.printerId().value());
      JobParams.setString(ps, 5, e.jobId());
      ps.setLong(6, e.jobVersion());
      JobParams.setString(ps, 7, e.detail());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + DELIVERIES + " (destination,"
        + " seq, state, attempts, next_at) SELECT ds.name, o.seq, 'PENDING', 0, o.at_ms FROM "
        + DESTINATIONS + " ds, " + ENTRIES + " o WHERE o.event_key = ? AND ds.events LIKE ?")) {
      ps.setString(1, e.key());
      ps.setString(2, "%," + e.event().wireName() + ",%");
      ps.executeUpdate();
    }
    return true;
  }

  private <T> T tx(String what, Tx.Work<T> work) {
    return Tx.run(ds, work, e -> new JobStoreException("job store outbox: " + what
        + " failed: " + e.getMessage(), e));
  }

  @Override
  public void register(String destination, Set<OutboxEvent> events) {
    checkName(destination);
    StringBuilder list = new StringBuilder(",");
    for (OutboxEvent e : new TreeSet<>(events)) {
      list.append(e.wireName()).append(',');
    }
    tx("registering " + destination, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + DESTINATIONS
          + " SET events = ? WHERE name = ?")) {
        ps.setString(1, list.toString());
        ps.setString(2, destination);
        if (ps.executeUpdate() > 0) {
          return true;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + DESTINATIONS
          + " (name, events, lease_owner, lease_until) VALUES (?, ?, NULL, 0)")) {
        ps.setString(1, destination);
        ps.setString(2, list.toString());
        ps.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public boolean append(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    try {
      return tx("writing " + entry.key(), c -> writeOne(c, entry));
    } catch (JobStoreException e) {
      if (e.getCause() instanceof SQLException
          && Dialect.isUniqueViolation((SQLException) e.getCause())) {
        return false; // another instance wrote the same key meanwhile
      }
      throw e;
    }
  }

  @Override
  public boolean lease(String destination, String owner, Instant now, Duration length) {
    return tx("leasing " + destination, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + DESTINATIONS + " SET"
          + " lease_owner = ?, lease_until = ? WHERE name = ? AND (lease_owner IS NULL"
          + " OR lease_owner = ? OR lease_until < ?)")) {
        ps.setString(1, owner);
        ps.setLong(2, now.plus(length).toEpochMilli());
        ps.setString(3, destination);
        ps.setString(4, owner);
        ps.setLong(5, now.toEpochMilli());
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void release(String destination, String owner) {
    tx("releasing " + destination, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + DESTINATIONS + " SET"
          + " lease_owner = NULL, lease_until = 0 WHERE name = ? AND lease_owner = ?")) {
        ps.setString(1, destination);
        ps.setString(2, owner);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Delivery> due(String destination, int limit) {
    return list("reading the due deliveries of " + destination, "SELECT " + COLUMNS + FROM
        + " WHERE d.destination = ? AND d.state = 'PENDING' ORDER BY d.seq LIMIT ?",
        destination, limit);
  }

  @Override
  public boolean delivered(String destination, long seq, Instant at) {
    return update("marking " + seq + " delivered", "UPDATE " + DELIVERIES + " SET state ="
        + " 'DELIVERED', done_at = ? WHERE destination = ? AND seq = ? AND state = 'PENDING'",
        at.toEpochMilli(), destination, seq) > 0;
  }

  @Override
  public int deliveredAll(String destination, List<Long> seqs, Instant at) {
    if (seqs.isEmpty()) {
      return 0;
    }
    StringBuilder in = new StringBuilder();
    Object[] args = new Object[seqs.size() + 2];
    args[0] = at.toEpochMilli();
    args[1] = destination;
    for (int i = 0; i < seqs.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
      args[i + 2] = seqs.get(i);
    }
    return update("marking " + seqs.size() + " deliveries delivered", "UPDATE " + DELIVERIES
        + " SET state = 'DELIVERED', done_at = ? WHERE destination = ? AND state = 'PENDING'"
        + " AND seq IN (" + in + ")", args);
  }

  @Override
  public void failed(String destination, long seq, int attempts, Instant nextAttempt,
      String error, boolean dead) {
    update("recording a failed delivery", "UPDATE " + DELIVERIES + " SET state = ?,"
        + " attempts = ?, next_at = ?, last_error = ? WHERE destination = ? AND seq = ?"
        + " AND state = 'PENDING'", dead ? "DEAD" : "PENDING", attempts,
        nextAttempt.toEpochMilli(), cut(error), destination, seq);
  }

  @Override
  public void remember(String destination, long seq, String memo) {
    update("remembering a delivery's memo", "UPDATE " + DELIVERIES + " SET memo = ?"
        + " WHERE destination = ? AND seq = ?", cut(memo), destination, seq);
  }

  @Override
  public List<Delivery> deadLetters(int limit) {
    return list("reading dead letters", "SELECT " + COLUMNS + FROM + " WHERE d.state = 'DEAD'"
        + " ORDER BY d.seq DESC, d.destination LIMIT ?", limit);
  }

  @Override
  public boolean retryNow(String destination, long seq, Instant now) {
    return update("retrying a delivery", "UPDATE " + DELIVERIES + " SET state = 'PENDING',"
        + " attempts = 0, next_at = ? WHERE destination = ? AND seq = ? AND state <> 'DELIVERED'",
        now.toEpochMilli(), destination, seq) > 0;
  }

  @Override
  public List<OutboxBacklog> backlog() {
    return tx("reading the outbox backlog", c -> {
      Map<String, long[]> counts = new LinkedHashMap<>();
      Map<String, @Nullable String> owners = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name, lease_owner FROM "
          + DESTINATIONS + " ORDER BY name"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          owners.put(rs.getString(1), rs.getString(2));
          counts.put(rs.getString(1), new long[2]);
        }
      }
      // per destination and state: a range of the (destination, state, seq) index each
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + DELIVERIES
          + " WHERE destination = ? AND state = ?")) {
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
          for (int k = 0; k < 2; k++) {
            ps.setString(1, e.getKey());
            ps.setString(2, k == 0 ? "PENDING" : "DEAD");
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              e.getValue()[k] = rs.getLong(1);
            }
          }
        }
      }
      List<OutboxBacklog> out = new ArrayList<>();
      counts.forEach((name, n) -> out.add(new OutboxBacklog(name, n[0], n[1], owners.get(name))));
      return out;
    });
  }

  @Override
  public List<Delivery> deliveriesOf(String jobId) {
    return list("reading the deliveries of job " + jobId, "SELECT " + COLUMNS + FROM
        + " WHERE o.job_id = ? ORDER BY d.seq, d.destination", jobId);
  }

  @Override
  public int prune(Instant before) {
    return tx("pruning the outbox", c -> {
      int n;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + DELIVERIES
          + " WHERE state = 'DELIVERED' AND done_at < ?")) {
        ps.setLong(1, before.toEpochMilli());
        n = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + ENTRIES + " WHERE at_ms < ?"
          + " AND event_type <> 'filament_used' AND NOT EXISTS (SELECT 1 FROM " + DELIVERIES
          + " x WHERE x.seq = " + ENTRIES + ".seq)")) {
        ps.setLong(1, before.toEpochMilli());
        ps.executeUpdate();
      }
      return n;
    });
  }

  private List<Delivery> list(String what, String sql, Object... args) {
    return tx(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(delivery(rs));
          }
        }
        return out;
      }
    });
  }

  private int update(String what, String sql, Object... args) {
    return tx(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        return ps.executeUpdate();
      }
    });
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else if (a instanceof Integer) {
        ps.setInt(i + 1, (Integer) a);
      } else if (a instanceof Long) {
        ps.setLong(i + 1, (Long) a);
      } else {
        ps.setString(i + 1, a.toString());
      }
    }
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    String type = rs.getString(9);
    OutboxEvent event = OutboxEvent.parse(type).orElseThrow(() -> new SQLException(
        "unknown outbox event '" + type + "' (written by a newer version?)"));
    String jobId = rs.getString(12);
    OutboxEntry entry = new OutboxEntry(rs.getLong(2), rs.getString(8), event,
        Instant.ofEpochMilli(rs.getLong(10)), PrinterId.of(rs.getString(11)), jobId,
        rs.getLong(13), rs.getString(14));
    return new Delivery(rs.getString(1), entry, Delivery.State.valueOf(rs.getString(3)),
        rs.getInt(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7));
  }

  private static String cut(String text) {
    return text.length() <= Delivery.MAX_TEXT ? text : text.substring(0, Delivery.MAX_TEXT);
  }

  private static void checkName(String destination) {
    if (destination.isEmpty() || destination.length() > 128) {
      throw new IllegalArgumentException("a destination name has 1-128 characters");
    }
  }
}
