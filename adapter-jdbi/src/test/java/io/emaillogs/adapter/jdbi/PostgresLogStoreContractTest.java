package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.LogStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The shared store contract on a fresh PostgreSQL schema per test. */
class PostgresLogStoreContractTest extends LogStoreContract {
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
