package io.emaillogs.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.SearchLogsUseCase.LogPage;
import io.emaillogs.application.SearchLogsUseCase.SearchLogsQuery;
import io.emaillogs.domain.EmailLog;
import io.emaillogs.domain.LogStatus;
import io.emaillogs.domain.account.Account;
import io.emaillogs.domain.query.DateWindow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EmailLogsTest {
  private static final Instant NOW = Instant.parse("2024-01-20T12:00:00Z");

  private final FakeLogStore store = new FakeLogStore();
  private final FakeDirectory directory = new FakeDirectory();
  private final FakeRateLimiter limiter = new FakeRateLimiter();

  private EmailLogs.Builder builder() {
    return EmailLogs.builder()
        .store(store)
        .directory(directory)
        .rateLimiter(limiter)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String firstToken(EmailLogs logs, long account) {
    return logs.searchLogs()
        .search(new SearchLogsQuery(account, Params.of("pageSize", "1")))
        .nextPageToken()
        .orElseThrow();
  }

  private long accountWithTwoLogs(EmailLogs logs) {
    long id = directory.createAccount("Acme", 1, OptionalInt.empty()).id();
    logs.recordEvents()
        .record(
            List.of(
                Raw.queued("r1").account(id).at(NOW.minusSeconds(10)).build(),
                Raw.queued("r2").account(id).at(NOW.minusSeconds(20)).build()));
    return id;
  }

  @Test
  void store_directory_and_rate_limiter_are_required() {
    assertThatThrownBy(() -> EmailLogs.builder().directory(directory).rateLimiter(limiter).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("store");
    assertThatThrownBy(() -> EmailLogs.builder().store(store).rateLimiter(limiter).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("directory");
    assertThatThrownBy(() -> EmailLogs.builder().store(store).directory(directory).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rateLimiter");
  }

  @Test
  void without_a_configured_secret_servers_sharing_a_directory_share_the_token_secret() {
    EmailLogs one = builder().build();
    EmailLogs two = builder().build();
    long account = accountWithTwoLogs(one);

    LogPage next =
        two.searchLogs()
            .search(
                new SearchLogsQuery(
                    account, Params.withToken(firstToken(one, account), "pageSize", "1")));

    assertThat(next.logs()).extracting(EmailLog::refId).containsExactly("r2");
    assertThat(directory.secretsGenerated).hasValue(1);
  }

  @Test
  void a_configured_secret_is_used_and_copied() {
    byte[] secret = "configured-secret-of-32-bytes!!!".getBytes(StandardCharsets.UTF_8);
    EmailLogs one = builder().pageTokenSecret(secret).build();
    byte[] copy = secret.clone();
    Arrays.fill(secret, (byte) 0);
    EmailLogs sameSecret = builder().pageTokenSecret(copy).build();
    EmailLogs otherSecret =
        builder()
            .pageTokenSecret("another-secret-of-32-bytes!!!!!!".getBytes(StandardCharsets.UTF_8))
            .build();
    long account = accountWithTwoLogs(one);
    String token = firstToken(one, account);

    assertThat(
            sameSecret
                .searchLogs()
                .search(new SearchLogsQuery(account, Params.withToken(token, "pageSize", "1")))
                .logs())
        .hasSize(1);
    assertThatThrownBy(
            () ->
                otherSecret
                    .searchLogs()
                    .search(new SearchLogsQuery(account, Params.withToken(token, "pageSize", "1"))))
        .hasMessage("invalid page token");
    assertThat(directory.secretsGenerated).hasValue(0);
  }

  @Test
  void a_short_secret_is_refused_at_build() {
    assertThatThrownBy(() -> builder().pageTokenSecret(new byte[15]).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_clock_sets_the_default_window() {
    EmailLogs logs = builder().build();
    logs.searchLogs().search(new SearchLogsQuery(1, Params.of()));
    assertThat(store.searches.get(0).createdWindow())
        .isEqualTo(DateWindow.of(NOW.minus(Duration.ofDays(7)), NOW));
  }

  @Test
  void the_settings_give_the_default_request_limit() {
    EmailLogs logs = builder().settings(Settings.DEFAULTS.withRequestsPerMinute(7)).build();
    Account account = directory.createAccount("Acme", 1, OptionalInt.empty());
    assertThat(logs.access().admit(account).limit()).isEqualTo(7);
  }

  @Test
  void the_admin_api_follows_the_admin_token() {
    assertThat(builder().build().access().adminEnabled()).isFalse();
    assertThat(builder().adminToken("").build().access().adminEnabled()).isFalse();
    assertThat(builder().adminToken("t0k3n").build().access().adminEnabled()).isTrue();
  }

  @Test
  void health_follows_the_store() {
    EmailLogs logs = builder().build();
    assertThat(logs.isHealthy()).isTrue();
    store.healthy = false;
    assertThat(logs.isHealthy()).isFalse();
  }

  @Test
  void a_customer_provisioned_by_the_operator_reads_its_logs() {
    EmailLogs logs = builder().adminToken("op").build();
    logs.access().authorizeAdmin("Bearer op");
    Account acme = logs.provisioning().createAccount(new CreateAccount("Acme", 67890L, null));
    String token = logs.provisioning().createKey(acme.id(), "ci").token();
    logs.recordEvents()
        .record(
            List.of(
                Raw.queued("r1").account(acme.id()).at(NOW.minusSeconds(60)).build(),
                Raw.event("delivered", "r1").account(acme.id()).at(NOW.minusSeconds(50)).build()));

    Account caller = logs.access().authenticate("Bearer " + token);
    logs.access().admit(caller);
    LogPage page = logs.searchLogs().search(new SearchLogsQuery(caller.id(), Params.of()));

    assertThat(caller).isEqualTo(acme);
    assertThat(page.logs())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.status()).isEqualTo(LogStatus.DELIVERED);
              assertThat(l.tenantId()).isEqualTo(67890);
            });
  }
}
