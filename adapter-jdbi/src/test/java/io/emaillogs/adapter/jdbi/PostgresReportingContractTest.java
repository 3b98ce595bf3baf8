package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.ReportingContract;
import io.emaillogs.application.port.LogStore;
import org.junit.jupiter.api.AfterEach;

/** Timeline, statistics and export on a fresh PostgreSQL schema per test. */
class PostgresReportingContractTest extends ReportingContract {
  private Databases.Fresh database;
  private JdbiStores stores;

  @Override
  protected LogStore newStore() {
    database = Databases.postgres();
    stores = database.open();
    return stores.logStore();
  }

  @AfterEach
  void closeStores() {
    if (stores != null) {
      stores.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
