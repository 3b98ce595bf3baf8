package io.emaillogs.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser viewer ({@code /ui/}) in a real browser: Debian's headless Chromium, driven by
 * Selenium, against the built jar's {@code demo} (its seeded account and live traffic). Each step
 * leaves a screenshot in {@code target/ui-screenshots/}.
 */
class BrowserViewerIT {
  static final Path SHOTS = Path.of("target", "ui-screenshots");
  static final String TIME_ZONE = "Europe/Berlin";
  static final String CAMPAIGN = "flash-sale-48h";

  private ChromeDriver browser;
  private DemoServer demo;
  private WebDriverWait wait;

  @AfterEach
  void stop() throws InterruptedException {
    if (browser != null) {
      browser.quit();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void sign_in_search_page_report_tail_and_errors_in_a_real_browser(@TempDir Path workDir)
      throws Exception {
    browser = Chromium.start(1280, 1050, TIME_ZONE);
    demo = DemoServer.start(workDir);
    wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    Files.createDirectories(SHOTS);

    served_with_a_strict_content_security_policy();

    // 1. sign-in: a wrong token is refused with "Unauthorized", and the form asks again
    browser.get(demo.base + "/ui/");
    WebElement token = visible(By.id("token"));
    assertThat(browser.switchTo().activeElement()).isEqualTo(token); // focus starts there
    shot("01-sign-in");
    token.sendKeys("el_not_a_real_token", Keys.ENTER);
    wait.until(ExpectedConditions.textToBe(By.id("signin-error"), "Unauthorized"));
    assertThat(browser.switchTo().activeElement()).isEqualTo(token);
    assertThat(browser.findElement(By.id("search-view")).isDisplayed()).isFalse();
    shot("02-unauthorized");

    // keyboard only: the token, then Enter
    token.sendKeys(demo.customerToken, Keys.ENTER);
    visible(By.id("results-table"));
    assertThat(js("return sessionStorage.getItem('email-logs.token')"))
        .isEqualTo(demo.customerToken);
    assertThat(browser.getCurrentUrl()).doesNotContain(demo.customerToken);
    assertThat(rows()).hasSize(20);
    everyFieldHasALabel();

    // 2. search: filter by status and campaign, then page twice by nextPageToken
    new Select(browser.findElement(By.id("f-status"))).selectByVisibleText("opened");
    browser.findElement(By.id("f-campaignId")).sendKeys(CAMPAIGN);
    browser.findElement(By.id("search-submit")).click();
    wait.until(d -> d.getCurrentUrl().contains("campaignId=" + CAMPAIGN));
    waitForPage(1);
    assertThat(browser.getCurrentUrl()).contains("status=opened").doesNotContain("pageToken");
    assertRowsMatch("opened", CAMPAIGN);
    List<String> page1 = refIds();
    shot("03-search-filtered");

    browser.findElement(By.id("next-page")).click();
    waitForPage(2);
    assertRowsMatch("opened", CAMPAIGN);
    List<String> page2 = refIds();
    browser.findElement(By.id("next-page")).click();
    waitForPage(3);
    assertRowsMatch("opened", CAMPAIGN);
    List<String> page3 = refIds();
    assertThat(page2).doesNotContainAnyElementsOf(page1);
    assertThat(page3).doesNotContainAnyElementsOf(page1).doesNotContainAnyElementsOf(page2);
    assertThat(browser.getCurrentUrl()).doesNotContain("pageToken").doesNotContain("el_");
    shot("04-search-page-3");

    // the URL reproduces the view: a reload shows the same filters and their first page
    browser.navigate().refresh();
    waitForPage(1);
    assertThat(
            new Select(browser.findElement(By.id("f-status"))).getFirstSelectedOption().getText())
        .isEqualTo("opened");
    assertThat(browser.findElement(By.id("f-campaignId")).getAttribute("value"))
        .isEqualTo(CAMPAIGN);
    assertThat(refIds()).isEqualTo(page1);

    // 3. message view: a row opens the timeline of its refId, with opens and their details
    WebElement opener = rows().get(0).findElement(By.cssSelector("button.linkish"));
    String refId = rows().get(0).getAttribute("data-ref-id");
    opener.click();
    visible(By.id("message-dialog"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li")));
    assertThat(browser.findElement(By.id("message-title")).getText()).contains(refId);
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("queued", "opened");
    WebElement tracking = browser.findElement(By.id("tracking"));
    assertThat(tracking.getText()).contains("open");
    assertThat(tracking.findElements(By.cssSelector("td[data-label='User agent']")))
        .anyMatch(td -> !td.getText().equals("–"));
    assertThat(browser.getCurrentUrl()).contains("message=" + refId);
    shot("05-message-timeline");
    browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("message-dialog")));
    assertThat(browser.getCurrentUrl()).doesNotContain("message=");

    // 4. reports: the campaign's last 7 days by day, then by hour, and the rates
    browser.findElement(By.cssSelector("#tabs a[data-view='reports']")).click();
    visible(By.cssSelector("#chart svg"));
    assertThat(browser.findElements(By.cssSelector("#chart svg g.series"))).hasSize(5);
    assertThat(browser.findElement(By.id("reports-filters")).getText())
        .contains("campaignId = " + CAMPAIGN);
    assertThat(browser.findElement(By.id("rate-list")).getText())
        .contains("Delivery rate", "Open rate", "%");
    new Select(browser.findElement(By.id("r-interval"))).selectByValue("hour");
    browser.findElement(By.cssSelector("#reports-form button[type='submit']")).click();
    wait.until(ExpectedConditions.textToBe(By.id("chart-caption"), "Messages by hour"));
    assertThat(browser.getCurrentUrl()).contains("interval=hour");
    shot("06-reports");
    browser.findElement(By.cssSelector("#tabs a[data-view='search']")).click();
    waitForPage(1);

    // a window longer than 7 days: the server's 400 message, verbatim
    Instant now = Instant.now();
    setDate("f-startCreatedAt", now.minus(9, ChronoUnit.DAYS));
    setDate("f-endCreatedAt", now);
    browser.findElement(By.id("search-submit")).click();
    wait.until(
        ExpectedConditions.textToBe(By.id("search-error"), "date range cannot exceed 7 days"));
    assertThat(browser.getCurrentUrl()).contains("startCreatedAt=").contains("%2B01%3A00");
    shot("07-bad-window");

    // 5. live tail: an event ingested through the operator API appears within 1 s
    browser.findElement(By.cssSelector("#tabs a[data-view='tail']")).click();
    new Select(visible(By.id("t-domain"))).selectByValue("mail.acme-shop.com");
    browser.findElement(By.id("tail-start")).click();
    wait.until(ExpectedConditions.textToBe(By.id("tail-state"), "Live"));
    String subject = "Browser test " + System.nanoTime();
    long sent = System.nanoTime();
    assertThat(demo.ingest(queued("ui-" + System.nanoTime(), subject))).isEqualTo(202);
    long ingested = System.nanoTime();
    new WebDriverWait(browser, Duration.ofSeconds(1), Duration.ofMillis(20))
        .until(d -> tailShows(subject));
    long now2 = System.nanoTime();
    System.out.println(
        "live tail: the event was on the page "
            + (now2 - ingested) / 1_000_000
            + " ms after the operator API accepted it ("
            + (now2 - sent) / 1_000_000
            + " ms after the POST began)");
    shot("08-live-tail");

    // pause, an event meanwhile, resume: it arrives (the stream resumes by Last-Event-ID)
    browser.findElement(By.id("tail-pause")).click();
    wait.until(ExpectedConditions.textToBe(By.id("tail-state"), "Paused"));
    String whilePaused = "While paused " + System.nanoTime();
    assertThat(demo.ingest(queued("ui-" + System.nanoTime(), whilePaused))).isEqualTo(202);
    Thread.sleep(300);
    assertThat(tailShows(whilePaused)).isFalse();
    browser.findElement(By.id("tail-pause")).click();
    wait.until(d -> tailShows(whilePaused));
    assertThat(browser.findElement(By.id("tail-state")).getText()).startsWith("Live");
    browser.findElement(By.id("tail-stop")).click();
    wait.until(ExpectedConditions.textToBe(By.id("tail-state"), "Not connected"));

    // 6. usable at 390 px: no horizontal scrolling, rows shown as cards
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(demo.base + "/ui/?status=bounced&campaignId=" + CAMPAIGN);
    visible(By.id("results-table"));
    assertRowsMatch("bounced", CAMPAIGN);
    assertThat((Long) js("return document.documentElement.scrollWidth - window.innerWidth"))
        .isLessThanOrEqualTo(0L);
    shot("09-search-390px");

    noConsoleErrors();
  }

  private void served_with_a_strict_content_security_policy() throws Exception {
    HttpResponse<String> page = demo.get("/ui/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'self'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    HttpResponse<String> script = demo.get("/ui/js/main.js");
    assertThat(script.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/javascript");
  }

  private String queued(String refId, String subject) {
    String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return "[{\"type\":\"queued\",\"accountId\":1,\"refId\":\""
        + refId
        + "\",\"recipientAddress\":\"viewer@example.org\",\"timestamp\":\""
        + at
        + "\",\"fromAddress\":\"orders@mail.acme-shop.com\",\"subject\":\""
        + subject
        + "\"}]";
  }

  private boolean tailShows(String subject) {
    return Boolean.TRUE.equals(
        js(
            "return [...document.querySelectorAll('#tail-rows tr')]"
                + ".some(r => r.textContent.includes(arguments[0]))",
            subject));
  }

  private void waitForPage(int number) {
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#results-table caption"), "page " + number));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("search-status"), "Page " + number + ":"));
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#results-table tbody tr"));
  }

  private List<String> refIds() {
    return rows().stream().map(r -> r.getAttribute("data-ref-id")).collect(Collectors.toList());
  }

  private void assertRowsMatch(String status, String campaign) {
    List<WebElement> rows = rows();
    assertThat(rows).hasSize(20);
    for (WebElement row : rows) {
      assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo(status);
      assertThat(row.findElement(By.cssSelector("td[data-label='Campaign']")).getText())
          .isEqualTo(campaign);
    }
  }

  /** Sets a datetime-local field as a user's picker does: the local time of that instant. */
  private void setDate(String id, Instant at) {
    js(
        "const d = new Date(arguments[1]);"
            + "const p = (n) => String(n).padStart(2, '0');"
            + "arguments[0].value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}"
            + "T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;"
            + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        browser.findElement(By.id(id)),
        at.toEpochMilli());
  }

  private void everyFieldHasALabel() {
    Object unlabelled =
        js(
            "return [...document.querySelectorAll('input, select, button')]"
                + ".filter(e => e.type !== 'hidden' && e.labels !== undefined"
                + " && e.tagName !== 'BUTTON' && e.labels.length === 0).map(e => e.id)");
    assertThat((List<?>) unlabelled).as("form fields without a label").isEmpty();
  }

  /**
   * No script error, no CSP violation, nothing logged by the page. The only errors allowed are
   * Chromium's own lines for the refusals this test asks for (the 401 of the wrong token, the 400
   * of the bad window), which it logs for every failed fetch.
   */
  private void noConsoleErrors() {
    List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
    entries.forEach(
        e -> System.out.println("browser console: " + e.getLevel() + " " + e.getMessage()));
    List<String> errors =
        entries.stream()
            .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
            .map(LogEntry::getMessage)
            .filter(
                m ->
                    !(m.contains("/v1/domains") && m.contains("401"))
                        && !(m.contains("/v1/email/logs") && m.contains("400")))
            .collect(Collectors.toList());
    assertThat(errors).as("browser console").isEmpty();
  }

  private WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private void shot(String name) throws IOException {
    Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
