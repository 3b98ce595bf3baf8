package io.emaillogs.adapter.inmemory;

import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.LogStoreContract;

class InMemoryLogStoreContractTest extends LogStoreContract {
  @Override
  protected LogStore newStore() {
    return new InMemoryLogStore();
  }
}
