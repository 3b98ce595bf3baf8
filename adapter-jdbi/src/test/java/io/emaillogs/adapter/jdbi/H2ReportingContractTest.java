package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.ReportingContract;
import io.emaillogs.application.port.LogStore;
import org.junit.jupiter.api.AfterEach;

/** Timeline, statistics and export on a fresh in-memory H2 database per test. */
class H2ReportingContractTest extends ReportingContract {
  private JdbiStores stores;

  @Override
  protected LogStore newStore() {
    stores = Databases.h2().open();
    return stores.logStore();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
