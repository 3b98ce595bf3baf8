package io.emaillogs.adapter.jdbi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/** A generated SELECT and its named bindings (only those the text uses: Jdbi refuses others). */
record SqlQuery(String sql, Map<String, Object> bindings) {
  SqlQuery {
    bindings = new LinkedHashMap<>(bindings);
  }

  /** Binds every value to {@code query}; instants by type, so a null one still binds as one. */
  Query bindTo(Query query) {
    bindings.forEach(
        (name, value) -> {
          if (value instanceof Instant) {
            query.bindByType(name, value, Instant.class);
          } else {
            query.bind(name, value);
          }
        });
    return query;
  }
}
