package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.StoreException;
import io.emaillogs.application.port.StoreUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Classifies database failures. */
final class SqlErrors {
  /**
   * SQLSTATEs after which running the same transaction again can succeed: a unique violation (a
   * concurrent transaction stored the same log key or eventId first), a serialization failure, a
   * deadlock, a lock timeout (H2).
   */
  private static final Set<String> TRANSIENT = Set.of("23505", "40001", "40P01", "HYT00");

  /**
   * SQLSTATEs of an unreachable database besides class 08 (connection exception): PostgreSQL's
   * admin shutdown, crash shutdown and "cannot connect now" (starting up or shutting down).
   */
  private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03");

  private SqlErrors() {}

  /**
   * The port's exception for a failure to {@code what}: {@link StoreUnavailableException} when the
   * database could not be reached, {@link StoreException} otherwise.
   */
  static StoreException failure(String what, Throwable e) {
    String message = "could not " + what;
    return isConnectionFailure(e)
        ? new StoreUnavailableException(message, e)
        : new StoreException(message, e);
  }

  /**
   * True when {@code failure} says the database cannot be reached: SQLSTATE class 08, 57P01-03, a
   * connection exception of JDBC (HikariCP's "connection is not available" among them), or a
   * refused TCP connection.
   */
  static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          String state = e.getSQLState();
          if (state != null && (state.startsWith("08") || UNAVAILABLE.contains(state))) {
            return true;
          }
        }
      }
    }
    return false;
  }

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
