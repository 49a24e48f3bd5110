package io.tokenwarden.interfaces.api;

import jakarta.json.JsonObjectBuilder;

/**
 * Thrown by resources to answer with a problem+json; {@link ProblemExceptionMapper} renders it. The
 * detail is for the API caller and must never contain a secret.
 */
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final Long retryAfterSeconds;
  private final transient JsonObjectBuilder extra;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, null, null);
  }

  /**
   * @param retryAfterSeconds for Retry-After, or null
   * @param extra extension members (e.g. {@code connectionStatus}), or null
   */
  public ProblemException(
      ProblemType type, String detail, Long retryAfterSeconds, JsonObjectBuilder extra) {
    super(detail, null, false, false);
    this.type = type;
    this.retryAfterSeconds = retryAfterSeconds;
    this.extra = extra;
  }

  public ProblemType type() {
    return type;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  JsonObjectBuilder extra() {
    return extra;
  }
}
