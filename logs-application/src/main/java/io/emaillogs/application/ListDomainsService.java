package io.emaillogs.application;

import io.emaillogs.application.port.Directory;
import io.emaillogs.domain.account.SendingDomain;
import java.util.List;

final class ListDomainsService implements ListDomainsUseCase {
  private final Directory directory;

  ListDomainsService(Directory directory) {
    this.directory = directory;
  }

  @Override
  public List<SendingDomain> list(long accountId) {
    return List.copyOf(directory.listDomains(accountId));
  }
}
