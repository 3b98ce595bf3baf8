package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.domain.account.SendingDomain;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ListDomainsServiceTest {
  private final FakeDirectory directory = new FakeDirectory();
  private final ListDomainsService domains = new ListDomainsService(directory);

  @Test
  void lists_only_the_callers_domains_by_name_with_their_verification() {
    long acme = directory.createAccount("Acme", 1, OptionalInt.empty()).id();
    long other = directory.createAccount("Other", 1, OptionalInt.empty()).id();
    directory.saveDomain(new SendingDomain(acme, "news.acme.com", true));
    directory.saveDomain(new SendingDomain(acme, "billing.acme.com", false));
    directory.saveDomain(new SendingDomain(other, "mail.other.com", true));

    assertThat(domains.list(acme))
        .containsExactly(
            new SendingDomain(acme, "billing.acme.com", false),
            new SendingDomain(acme, "news.acme.com", true));
    assertThat(domains.list(other + 100)).isEmpty();
  }
}
