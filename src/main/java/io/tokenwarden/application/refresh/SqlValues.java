package io.tokenwarden.application.refresh;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Reads native-query columns whatever Java type the driver chose (PostgreSQL and H2 differ for
 * UUIDs and timestamps with time zone).
 */
public final class SqlValues {

  private SqlValues() {}

  public static UUID uuid(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof UUID uuid) {
      return uuid;
    }
    if (value instanceof byte[] bytes && bytes.length == 16) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
      return new UUID(buffer.getLong(), buffer.getLong());
    }
    return UUID.fromString(value.toString());
  }

  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof ZonedDateTime zdt) {
      return zdt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant();
    }
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  public static long number(Object value) {
    return ((Number) value).longValue();
  }

  /** The key the per-user limits are counted by: the FreeAgent user, else the company. */
  static String userKey(Object email, Object companyId, UUID tenantId) {
    if (email != null && !email.toString().isBlank()) {
      return email.toString().strip().toLowerCase(java.util.Locale.ROOT);
    }
    if (companyId != null) {
      return "company:" + companyId;
    }
    return "tenant:" + tenantId;
  }
}
