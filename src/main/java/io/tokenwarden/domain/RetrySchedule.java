package io.tokenwarden.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The waits between webhook delivery attempts: the first attempt goes at once, retry {@code n}
 * after the {@code n}-th wait, and when the last retry fails too the delivery is dead. Written as
 * ISO-8601 durations, e.g. {@code PT10S,PT30S,PT2M,PT10M,PT1H} (exponential backoff: six attempts
 * over about 73 minutes).
 */
public record RetrySchedule(List<Duration> waits) {

  public RetrySchedule {
    waits = List.copyOf(waits);
    for (Duration wait : waits) {
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("Every wait of a retry schedule must be positive");
      }
    }
  }

  /**
   * Parses a comma-separated list of ISO-8601 durations; an empty list means a single attempt.
   *
   * @throws IllegalArgumentException naming the entry that is not a positive duration
   */
  public static RetrySchedule parse(String text) {
    List<Duration> waits = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",")) {
        try {
          waits.add(Duration.parse(part.strip()));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              "'" + part.strip() + "' is not an ISO-8601 duration such as PT30S");
        }
      }
    }
    return new RetrySchedule(waits);
  }

  /** How many attempts a delivery gets before it is dead: the first plus one per wait. */
  public int maxAttempts() {
    return waits.size() + 1;
  }

  /**
   * The wait before the next attempt after {@code attemptsMade} attempts have failed, or empty when
   * that was the last one (dead-letter it).
   */
  public Optional<Duration> waitAfter(int attemptsMade) {
    if (attemptsMade < 1 || attemptsMade > waits.size()) {
      return Optional.empty();
    }
    return Optional.of(waits.get(attemptsMade - 1));
  }
}
