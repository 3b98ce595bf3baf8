package io.emaillogs.app.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by its chromedriver (packages {@code chromium} and {@code
 * chromium-driver}). Without them the browser tests are skipped, unless {@code CI=true}, where they
 * fail: CI installs both ({@code .ci/run}).
 */
final class Chromium {
  static final String INSTALL = "apt-get install -y chromium chromium-driver";

  private Chromium() {}

  /** Starts the browser, or skips (fails under CI=true) when it is not installed. */
  static ChromeDriver start(int width, int height, String timeZone) {
    Optional<Path> browser = onPath("chromium", "chromium-browser");
    Optional<Path> driver = onPath("chromedriver");
    if (browser.isEmpty() || driver.isEmpty()) {
      String message =
          "Browser tests need Debian's chromium and chromedriver on the PATH (found browser: "
              + browser.map(Path::toString).orElse("none")
              + ", driver: "
              + driver.map(Path::toString).orElse("none")
              + "); install them with `"
              + INSTALL
              + "`.";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + " CI=true: the browser tests must run.");
      }
      Assumptions.abort("SKIPPED: " + message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.get().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--lang=en-US",
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.get().toFile())
            .usingAnyFreePort()
            .withEnvironment(Map.of("TZ", timeZone))
            .withTimeout(Duration.ofSeconds(60))
            .build();
    return new ChromeDriver(service, options);
  }

  private static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : List.of(path.split(File.pathSeparator))) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
