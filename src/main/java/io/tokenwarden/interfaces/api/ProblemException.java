package io.tokenwarden.interfaces.api;

/**
 * Thrown by resources to answer with a problem+json; {@link ProblemExceptionMapper} renders it. The
 * detail is for the API caller and must never contain a secret.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;
  private final Long retryAfterSeconds;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public ProblemException(int status, String title, String detail, Long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
