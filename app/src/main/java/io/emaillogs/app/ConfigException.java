package io.emaillogs.app;

/**
 * Thrown when the program's configuration cannot work (an unsupported {@code --db} URL, a short
 * cursor secret); the message is one line, fit to show the operator as is.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
