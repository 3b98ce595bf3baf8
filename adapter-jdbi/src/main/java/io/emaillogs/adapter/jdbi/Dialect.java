package io.emaillogs.adapter.jdbi;

import java.util.Locale;

/** The SQL that differs between the two supported databases. */
enum Dialect {
  H2("org.h2.Driver", "db/migration/h2"),
  POSTGRES("org.postgresql.Driver", "db/migration/postgresql");

  private static final String H2_PREFIX = "jdbc:h2:";
  private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

  private final String driverClass;
  private final String migrations;

  Dialect(String driverClass, String migrations) {
    this.driverClass = driverClass;
    this.migrations = migrations;
  }

  /**
   * The dialect of a JDBC URL.
   *
   * @throws IllegalArgumentException for anything but {@code jdbc:h2:} and {@code jdbc:postgresql:}
   */
  static Dialect of(String jdbcUrl) {
    String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith(H2_PREFIX) && url.length() > H2_PREFIX.length()) {
      return H2;
    }
    if (url.startsWith(POSTGRES_PREFIX)) {
      return POSTGRES;
    }
    throw new IllegalArgumentException(
        "Unsupported database URL: " + jdbcUrl + " (use jdbc:h2:..., jdbc:postgresql:... or mem:)");
  }

  String driverClass() {
    return driverClass;
  }

  /** Flyway location of this dialect's migrations. */
  String migrations() {
    return "classpath:" + migrations;
  }

  /**
   * The URL to connect with. H2 must evaluate queries lazily (else it materialises whole results),
   * an in-memory H2 database must outlive its last pooled connection, and an H2 file database must
   * write each commit before it is acknowledged ({@code WRITE_DELAY=0}; H2's default of 500 ms lost
   * acknowledged batches to a {@code kill -9} in CrashSafetyIT). Each is added when the URL does
   * not say otherwise.
   */
  String connectionUrl(String jdbcUrl) {
    if (this != H2) {
      return jdbcUrl;
    }
    String url = jdbcUrl;
    String upper = url.toUpperCase(Locale.ROOT);
    if (!upper.contains(";LAZY_QUERY_EXECUTION=")) {
      url += ";LAZY_QUERY_EXECUTION=TRUE";
    }
    if (isInMemory(jdbcUrl) && !upper.contains(";DB_CLOSE_DELAY=")) {
      url += ";DB_CLOSE_DELAY=-1";
    }
    if (!isInMemory(jdbcUrl) && !upper.contains(";WRITE_DELAY=")) {
      url += ";WRITE_DELAY=0";
    }
    return url;
  }

  /** True for an H2 in-memory URL, whose database lives as long as the store that opened it. */
  static boolean isInMemory(String jdbcUrl) {
    return jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:");
  }

  /** A query returning {@code :n} new values of {@code sequence}, one per row. */
  String nextValues(String sequence) {
    return switch (this) {
      case H2 -> "SELECT NEXT VALUE FOR " + sequence + " FROM SYSTEM_RANGE(1, :n)";
      case POSTGRES -> "SELECT nextval('" + sequence + "') FROM generate_series(1, :n)";
    };
  }

  /**
   * The suffix that locks the selected rows of table alias {@code alias} until commit against other
   * appends and purges. PostgreSQL: {@code FOR NO KEY UPDATE}, the lock an UPDATE that keeps the
   * key takes itself (it still excludes a concurrent append of the same log and a purge's DELETE,
   * but not the key-share lock of a foreign-key check). H2 appends are serialised in the JVM (see
   * JdbiLogStore), so H2 needs no row locks.
   */
  String forUpdate(String alias) {
    return this == POSTGRES ? " FOR NO KEY UPDATE OF " + alias : "";
  }

  /**
   * The table reference of {@code table} forcing {@code index} on H2, whose optimiser otherwise
   * picks the account-wide index and sorts; PostgreSQL's planner needs no hint.
   */
  String tableWithIndex(String table, String index) {
    return this == H2 && index != null ? table + " USE INDEX (" + index + ")" : table;
  }

  /** Stores {@code :name} = {@code :value} unless a value is stored already. */
  String insertSettingIfAbsent() {
    return switch (this) {
      case H2 ->
          "INSERT INTO settings (name, setting_value) SELECT CAST(:name AS VARCHAR(64)), :value"
              + " WHERE NOT EXISTS (SELECT 1 FROM settings WHERE name = :name)";
      case POSTGRES ->
          "INSERT INTO settings (name, setting_value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING";
    };
  }

  /** Inserts or updates a sending domain. */
  String upsertDomain() {
    return switch (this) {
      case H2 ->
          "MERGE INTO sending_domains (account_id, domain, verified) KEY (account_id, domain)"
              + " VALUES (:accountId, :domain, :verified)";
      case POSTGRES ->
          "INSERT INTO sending_domains (account_id, domain, verified)"
              + " VALUES (:accountId, :domain, :verified)"
              + " ON CONFLICT (account_id, domain) DO UPDATE SET verified = EXCLUDED.verified";
    };
  }
}
