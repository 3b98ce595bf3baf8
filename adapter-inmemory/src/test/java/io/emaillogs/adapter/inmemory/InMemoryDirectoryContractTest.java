package io.emaillogs.adapter.inmemory;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.DirectoryContract;

class InMemoryDirectoryContractTest extends DirectoryContract {
  @Override
  protected Directory newDirectory() {
    return new InMemoryDirectory();
  }
}
