package io.emaillogs.adapter.jdbi;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds an {@link Instant} as an {@link OffsetDateTime} in UTC, the type both drivers map to {@code
 * TIMESTAMP WITH TIME ZONE} without passing through the JVM's default time zone.
 */
final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
  InstantArgumentFactory() {
    super(Types.TIMESTAMP_WITH_TIMEZONE);
  }

  @Override
  protected Argument build(Instant value, ConfigRegistry config) {
    OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
    return (position, statement, ctx) -> statement.setObject(position, utc);
  }
}
