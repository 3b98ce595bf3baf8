package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.LogStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The shared store contract on a fresh in-memory H2 database per test. */
class H2LogStoreContractTest extends LogStoreContract {
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
