package io.tokenwarden.interfaces.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses query parameters and body members that are not plain strings (whole numbers, enum names,
 * ISO-8601 instants and durations) into values or a 400 {@link FieldProblem} naming the parameter,
 * so every endpoint words the same mistake the same way.
 */
final class QueryParams {

  private QueryParams() {}

  /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
  static int number(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem below
    }
    throw FieldProblem.of(
        name, "'" + name + "' must be a whole number from " + min + " to " + max + ".");
  }

  /** One of the enum's names (any case), or null when absent. */
  static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder names = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        names.append(names.length() == 0 ? "" : ", ").append(constant.name());
      }
      throw FieldProblem.of(name, "'" + name + "' must be one of " + names + ".");
    }
  }

  /** An ISO-8601 instant ({@code 2027-01-01T00:00:00Z}), or null when absent. */
  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw FieldProblem.of(
          name, "'" + name + "' must be an ISO-8601 instant such as 2027-01-01T00:00:00Z.");
    }
  }

  /**
   * A positive ISO-8601 duration ({@code PT10M}) of at most {@code max}, or null when absent.
   *
   * @param max the configured bound, named in the problem so the caller knows the limit
   */
  static Duration duration(String name, String value, Duration max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Duration parsed;
    try {
      parsed = Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw FieldProblem.of(name, "'" + name + "' must be an ISO-8601 duration such as PT10M.");
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw FieldProblem.of(name, "'" + name + "' must be longer than zero.");
    }
    if (parsed.compareTo(max) > 0) {
      throw FieldProblem.of(name, "'" + name + "' must be at most " + max + ".");
    }
    return parsed;
  }
}
