package dev.printernizer.jdbc.internal;

import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import java.util.ArrayList;
import java.util.List;

/** The WHERE conditions of a {@link JobQuery}'s filter (printer, statuses, origin). */
public final class JobFilter {
  private JobFilter() {}

  /**
   * @param q the query
   * @param args receives the parameters, in order
   * @return the conditions joined with AND; empty for none
   */
  public static List<String> conditions(JobQuery q, List<Object> args) {
    List<String> conds = new ArrayList<>();
    q.printerId().ifPresent(p -> {
      conds.add("printer_id = ?");
      args.add(p.value());
    });
    if (!q.statuses().isEmpty()) {
      StringBuilder in = new StringBuilder("status IN (");
      for (JobStatus s : q.statuses()) {
        in.append(in.charAt(in.length() - 1) == '(' ? "?" : ", ?");
        args.add(s.name());
      }
      conds.add(in.append(')').toString());
    }
    q.autoCreated().ifPresent(a -> {
      conds.add("auto_created = ?");
      args.add(a);
    });
    return conds;
  }

  /**
   * @param conds conditions
   * @return {@code " WHERE a AND b"}, or an empty text without conditions
   */
  public static String where(List<String> conds) {
    return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
  }
}
