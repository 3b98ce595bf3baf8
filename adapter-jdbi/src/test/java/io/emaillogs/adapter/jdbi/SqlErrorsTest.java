package io.emaillogs.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.application.port.StoreException;
import io.emaillogs.application.port.StoreUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
  @Test
  void an_unreachable_database_is_unavailable() {
    for (Throwable cause :
        new Throwable[] {
          new SQLException("I/O error", "08006"),
          new SQLException("connection refused", "08001"),
          new SQLException("terminating connection due to administrator command", "57P01"),
          new SQLException("crash shutdown", "57P02"),
          new SQLException("the database system is starting up", "57P03"),
          new SQLTransientConnectionException("Connection is not available, request timed out"),
          new RuntimeException(new ConnectException("Connection refused"))
        }) {
      StoreException e = SqlErrors.failure("read", new RuntimeException("wrapped", cause));
      assertThat(e).as(cause.toString()).isInstanceOf(StoreUnavailableException.class);
      assertThat(e).hasMessage("could not read").hasRootCause(rootOf(cause));
    }
  }

  @Test
  void other_failures_stay_store_failures() {
    for (Throwable cause :
        new Throwable[] {
          new SQLException("invalid byte sequence for encoding", "22021"),
          new SQLException("duplicate key", "23505"),
          new SQLException("no state"),
          new IllegalStateException("closed")
        }) {
      StoreException e = SqlErrors.failure("append", cause);
      assertThat(e).as(cause.toString()).isNotInstanceOf(StoreUnavailableException.class);
      assertThat(e).hasMessage("could not append");
    }
  }

  @Test
  void a_chained_next_exception_counts() {
    SQLException batch = new SQLException("batch failed", "22000");
    batch.setNextException(new SQLException("I/O error", "08006"));
    assertThat(SqlErrors.isConnectionFailure(batch)).isTrue();
  }

  private static Throwable rootOf(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
