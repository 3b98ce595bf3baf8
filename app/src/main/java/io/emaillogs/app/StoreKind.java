package io.emaillogs.app;

import java.util.Locale;

/** Which store a {@code --db} value selects. */
public enum StoreKind {
  /** {@code mem:}: everything in memory, gone at exit. */
  MEMORY,
  /** {@code jdbc:h2:...}: the embedded H2 database, the default. */
  H2,
  /** {@code jdbc:postgresql:...}: PostgreSQL, with a rate limiter shared between servers. */
  POSTGRESQL;

  /** The in-memory selector. */
  public static final String MEMORY_URL = "mem:";

  /**
   * The kind selected by {@code db}.
   *
   * @throws ConfigException for anything else
   */
  public static StoreKind of(String db) {
    String url = db == null ? "" : db.trim();
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.equals(MEMORY_URL)) {
      return MEMORY;
    }
    if (lower.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new ConfigException(
        "unsupported --db "
            + describe(url)
            + ": use jdbc:h2:<path>, jdbc:postgresql://<host>:<port>/<database> or mem:");
  }

  /** The URL without its query string, which may hold a password. */
  static String describe(String url) {
    if (url.isEmpty()) {
      return "(empty)";
    }
    int query = url.indexOf('?');
    int semicolon = url.indexOf(';');
    int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
    return "'" + (cut < 0 ? url : url.substring(0, cut) + "...") + "'";
  }
}
