package io.emaillogs.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The API reference ({@code /docs}) in a real browser: the vendored Redoc bundle renders the served
 * OpenAPI document under the page's Content-Security-Policy, offline (the demo server is the only
 * origin), with nothing of its own refused in the console. Leaves {@code
 * target/ui-screenshots/docs.png}.
 */
class DocsPageIT {
  /**
   * What the policy refuses on purpose: Redoc 3.0.1's logo on its CDN, its telemetry, and the
   * {@code Function()} of its search worker (no {@code eval}; search runs without the worker).
   */
  static final List<String> OUTSIDE =
      List.of("https://cdn.redoc.ly/", "https://otel.cloud.redocly.com/", "'script-src' was not");

  private ChromeDriver browser;
  private DemoServer demo;

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
  void redoc_renders_the_document_under_the_pages_policy(@TempDir Path workDir) throws Exception {
    browser = Chromium.start(1280, 1050, "UTC");
    demo = DemoServer.start(workDir);
    browser.get(demo.base + "/docs");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.xpath("//*[contains(text(), 'Two error envelopes')]")));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.xpath("//*[contains(text(), 'Download OpenAPI description')]")));
    assertThat(browser.getTitle()).isEqualTo("email-logs API reference");
    Files.createDirectories(BrowserViewerIT.SHOTS);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(
        shot, BrowserViewerIT.SHOTS.resolve("docs.png"), StandardCopyOption.REPLACE_EXISTING);
    List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
    entries.forEach(
        e -> System.out.println("browser console: " + e.getLevel() + " " + e.getMessage()));
    List<String> errors =
        entries.stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::getMessage)
            .filter(m -> !OUTSIDE.stream().anyMatch(m::contains))
            .collect(Collectors.toList());
    assertThat(errors).as("browser console (a CSP refusal shows here)").isEmpty();
  }
}
