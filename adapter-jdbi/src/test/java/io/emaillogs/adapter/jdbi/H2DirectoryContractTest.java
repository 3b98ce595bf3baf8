package io.emaillogs.adapter.jdbi;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.DirectoryContract;
import org.junit.jupiter.api.AfterEach;

/** The shared directory contract on a fresh in-memory H2 database per test. */
class H2DirectoryContractTest extends DirectoryContract {
  private JdbiStores stores;

  @Override
  protected Directory newDirectory() {
    stores = Databases.h2().open();
    return stores.directory();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
