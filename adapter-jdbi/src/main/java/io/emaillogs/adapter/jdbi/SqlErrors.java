package io.emaillogs.adapter.jdbi;

import java.sql.SQLException;
import java.util.Set;

/** Classifies database failures. */
final class SqlErrors {
  /**
   * SQLSTATEs after which running the same transaction again can succeed: a unique violation (a
   * concurrent transaction stored the same log key or eventId first), a serialization failure, a
   * deadlock, a lock timeout (H2).
   */
  private static final Set<String> TRANSIENT = Set.of("23505", "40001", "40P01", "HYT00");

  private SqlErrors() {}

  /** True when {@code failure} was caused by a transient conflict with another transaction. */
  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          if (e.getSQLState() != null && TRANSIENT.contains(e.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True when {@code failure} was caused by a unique violation. */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
