package io.emaillogs.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.account.ApiKey;
import io.emaillogs.domain.account.SendingDomain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Directory} must show; each directory's test extends it. */
public abstract class DirectoryContract {
  private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");

  protected Directory directory;

  /** A new, empty directory. */
  protected abstract Directory newDirectory();

  @BeforeEach
  void open() {
    directory = newDirectory();
  }

  @Test
  void accounts_get_unique_ids_and_are_found_again() {
    Account a = directory.createAccount("Acme", 67890, OptionalInt.empty());
    Account b = directory.createAccount("Globex", 1, OptionalInt.of(10));
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(directory.findAccount(a.id())).contains(a);
    assertThat(directory.findAccount(b.id()))
        .contains(new Account(b.id(), "Globex", 1, OptionalInt.of(10)));
    assertThat(directory.findAccount(Math.max(a.id(), b.id()) + 1000)).isEmpty();
  }

  @Test
  void keys_are_stored_by_id_and_revoked_once() {
    Account a = directory.createAccount("Acme", 1, OptionalInt.empty());
    ApiKey key = new ApiKey("0123456789abcdef", a.id(), "ci", new byte[] {1, 2, 3}, T, null);
    directory.addKey(key);
    assertThat(directory.findKey("0123456789abcdef")).contains(key);
    assertThat(directory.findKey("ffffffffffffffff")).isEmpty();

    assertThat(directory.revokeKey(a.id() + 1, key.keyId(), T.plusSeconds(5))).isFalse();
    assertThat(directory.findKey(key.keyId()).orElseThrow().isActive()).isTrue();
    assertThat(directory.revokeKey(a.id(), "ffffffffffffffff", T)).isFalse();

    assertThat(directory.revokeKey(a.id(), key.keyId(), T.plusSeconds(10))).isTrue();
    assertThat(directory.revokeKey(a.id(), key.keyId(), T.plusSeconds(20))).isTrue();
    ApiKey revoked = directory.findKey(key.keyId()).orElseThrow();
    assertThat(revoked.isActive()).isFalse();
    assertThat(revoked.revokedAt()).isEqualTo(T.plusSeconds(10));
    assertThat(revoked.secretHash()).containsExactly(1, 2, 3);
  }

  @Test
  void domains_are_upserted_per_account() {
    Account a = directory.createAccount("Acme", 1, OptionalInt.empty());
    Account b = directory.createAccount("Other", 1, OptionalInt.empty());
    directory.saveDomain(new SendingDomain(a.id(), "mail.acme.com", false));
    directory.saveDomain(new SendingDomain(a.id(), "mail.acme.com", true));
    assertThat(directory.findDomain(a.id(), "mail.acme.com"))
        .contains(new SendingDomain(a.id(), "mail.acme.com", true));
    assertThat(directory.findDomain(b.id(), "mail.acme.com")).isEmpty();
    assertThat(directory.findDomain(a.id(), "other.com")).isEmpty();
  }

  @Test
  void an_account_lists_its_own_domains_by_name() {
    Account a = directory.createAccount("Acme", 1, OptionalInt.empty());
    Account b = directory.createAccount("Other", 1, OptionalInt.empty());
    assertThat(directory.listDomains(a.id())).isEmpty();
    directory.saveDomain(new SendingDomain(a.id(), "news.acme.com", true));
    directory.saveDomain(new SendingDomain(a.id(), "billing.acme.com", false));
    directory.saveDomain(new SendingDomain(b.id(), "mail.other.com", true));
    directory.saveDomain(new SendingDomain(a.id(), "billing.acme.com", true));
    assertThat(directory.listDomains(a.id()))
        .containsExactly(
            new SendingDomain(a.id(), "billing.acme.com", true),
            new SendingDomain(a.id(), "news.acme.com", true));
    assertThat(directory.listDomains(b.id()))
        .containsExactly(new SendingDomain(b.id(), "mail.other.com", true));
  }

  @Test
  void the_page_token_secret_is_generated_once() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte b = (byte) i;
        results.add(
            pool.submit(
                () ->
                    directory.pageTokenSecret(
                        () -> new byte[] {b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b})));
      }
      Set<String> distinct = new HashSet<>();
      for (Future<byte[]> f : results) {
        distinct.add(java.util.Arrays.toString(f.get(10, TimeUnit.SECONDS)));
      }
      assertThat(distinct).hasSize(1);
      assertThat(directory.pageTokenSecret(() -> new byte[16])).isEqualTo(results.get(0).get());
    } finally {
      pool.shutdownNow();
    }
  }
}
