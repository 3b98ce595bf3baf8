package io.emaillogs.adapter.jdbi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Fresh databases for tests: an in-memory H2 one, or a schema of the test PostgreSQL database. */
final class Databases {
  private Databases() {}

  /** A database and what drops it. */
  interface Fresh extends AutoCloseable {
    String url();

    /** Opens (another) JdbiStores on the database. */
    default JdbiStores open() {
      return JdbiStores.open(url(), null, null);
    }

    /** Runs one statement on the database. */
    default void execute(String sql) {
      try (Connection c = DriverManager.getConnection(url());
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    /** The number a {@code SELECT count(*)} query answers. */
    default long count(String sql) {
      try (Connection c = DriverManager.getConnection(url());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    @Override
    void close();
  }

  static Fresh h2() {
    String url = "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "");
    return new Fresh() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public void close() {
        // the in-memory database goes with the last JdbiStores closed on it
      }
    };
  }

  static Fresh postgres() {
    PostgresSchema schema = PostgresSchema.create();
    return new Fresh() {
      @Override
      public String url() {
        return schema.url();
      }

      @Override
      public void close() {
        schema.close();
      }
    };
  }
}
