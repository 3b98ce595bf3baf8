package io.emaillogs.adapter.inmemory;

import io.emaillogs.application.ReportingContract;
import io.emaillogs.application.port.LogStore;

class InMemoryReportingContractTest extends ReportingContract {
  @Override
  protected LogStore newStore() {
    return new InMemoryLogStore();
  }
}
