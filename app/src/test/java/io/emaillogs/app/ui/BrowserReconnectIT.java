package io.emaillogs.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.emaillogs.adapter.inmemory.InMemoryDirectory;
import io.emaillogs.adapter.inmemory.InMemoryLogStore;
import io.emaillogs.adapter.inmemory.InMemoryRateLimiter;
import io.emaillogs.adapter.jersey.EmailLogsHttpServer;
import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.account.Account;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live tail survives a dropped connection: the server goes away mid-stream and comes back on
 * the same port (same stores), and the page reconnects with {@code Last-Event-ID}: the event
 * ingested while it was down arrives, the one before it is not repeated.
 */
class BrowserReconnectIT {
  private static final byte[] SECRET =
      "browser-reconnect-test-secret".getBytes(StandardCharsets.UTF_8);

  private final InMemoryLogStore store = new InMemoryLogStore();
  private final InMemoryDirectory directory = new InMemoryDirectory();
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
  private ChromeDriver browser;
  private EmailLogsHttpServer server;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private EmailLogs logs() {
    return EmailLogs.builder()
        .store(store)
        .directory(directory)
        .rateLimiter(limiter)
        .pageTokenSecret(SECRET)
        .build();
  }

  @Test
  void the_tail_reconnects_after_a_drop_and_resumes_after_the_last_event() throws Exception {
    browser = Chromium.start(1280, 900, "UTC");
    EmailLogs first = logs();
    Account account = first.provisioning().createAccount(new CreateAccount("Acme", 1L, null));
    first.provisioning().registerDomain(account.id(), "example.com", true);
    String token = first.provisioning().createKey(account.id(), "ui").token();
    server = EmailLogsHttpServer.start(first, HttpOptions.of(0));
    int port = server.port();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

    browser.get("http://127.0.0.1:" + port + "/ui/?view=tail");
    browser.findElement(By.id("token")).sendKeys(token, Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tail-form")));
    new Select(browser.findElement(By.id("t-domain"))).selectByValue("example.com");
    browser.findElement(By.id("tail-start")).click();
    wait.until(ExpectedConditions.textToBe(By.id("tail-state"), "Live"));

    ingest(first, account.id(), "before-drop");
    wait.until(d -> rowsWith("before-drop") == 1);

    server.close(); // open streams get an error event, then the port closes
    server = null;
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("tail-state"), "Reconnecting"));
    EmailLogs second = logs();
    ingest(second, account.id(), "while-down");
    server = EmailLogsHttpServer.start(second, HttpOptions.of(port));

    wait.until(d -> rowsWith("while-down") == 1);
    assertThat(browser.findElement(By.id("tail-state")).getText()).isEqualTo("Live");
    assertThat(rowsWith("before-drop")).isEqualTo(1);
    Files.createDirectories(BrowserViewerIT.SHOTS);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        BrowserViewerIT.SHOTS.resolve("10-live-tail-after-reconnect.png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void ingest(EmailLogs logs, long accountId, String subject) {
    String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    logs.recordEvents()
        .record(
            List.of(
                RawEvent.queued(
                    accountId,
                    "ref-" + subject,
                    "bob@example.org",
                    at,
                    "shop@example.com",
                    subject)));
  }

  private long rowsWith(String subject) {
    Object n =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('#tail-rows tr')]"
                    + ".filter(r => r.textContent.includes(arguments[0])).length",
                subject);
    return ((Number) n).longValue();
  }
}
