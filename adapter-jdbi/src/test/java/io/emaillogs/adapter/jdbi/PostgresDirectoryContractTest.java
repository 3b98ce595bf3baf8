package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.DirectoryContract;
import org.junit.jupiter.api.AfterEach;

/** The shared directory contract on a fresh PostgreSQL schema per test. */
class PostgresDirectoryContractTest extends DirectoryContract {
  private Databases.Fresh database;
  private JdbiStores stores;

  @Override
  protected Directory newDirectory() {
    database = Databases.postgres();
    stores = database.open();
    return stores.directory();
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
