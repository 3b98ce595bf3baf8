package io.emaillogs.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The format of the log lines on stderr ({@code --log-format}): {@link #TEXT}, Logback's pattern
 * layout from {@code logback.xml}; or {@link #JSON}, one JSON object per line from {@code
 * logback-json.xml} (Logback's own {@code JsonEncoder}: no extra library). Both share the levels of
 * {@code logback-levels.xml}.
 */
public enum LogFormat {
  TEXT("/logback.xml"),
  JSON("/logback-json.xml");

  private final String resource;

  LogFormat(String resource) {
    this.resource = resource;
  }

  /**
   * The format named {@code text} or {@code json} (any case).
   *
   * @throws ConfigException for any other name
   */
  public static LogFormat of(String name) {
    String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new ConfigException("--log-format must be text or json");
    };
  }

  /**
   * Reconfigures Logback with this format; nothing happens when the SLF4J backend is not Logback
   * (an embedding application keeps its own).
   */
  public void apply() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    URL config = LogFormat.class.getResource(resource);
    if (config == null) {
      throw new IllegalStateException("missing " + resource);
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging from " + resource, e);
    }
  }
}
