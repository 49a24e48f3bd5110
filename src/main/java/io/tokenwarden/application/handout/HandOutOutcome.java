package io.tokenwarden.application.handout;

import io.tokenwarden.application.StoreUnavailableException;
import java.util.concurrent.CompletionException;

/**
 * How a hand-out ended, as the {@code outcome} tag of {@code tokenwarden.handouts}: a bounded set
 * of words, never a tenant or token.
 */
final class HandOutOutcome {

  static final String SERVED = "served";
  static final String NOT_USABLE = "not_usable";
  static final String UNAVAILABLE = "unavailable";
  static final String STORE_UNAVAILABLE = "store_unavailable";
  static final String ERROR = "error";

  private HandOutOutcome() {}

  /** The outcome for a hand-out that failed with {@code failure}, or served when it is null. */
  static String of(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause == null) {
      return SERVED;
    }
    if (cause instanceof ConnectionNotUsableException) {
      return NOT_USABLE;
    }
    if (cause instanceof TokenUnavailableException) {
      return UNAVAILABLE;
    }
    if (cause instanceof StoreUnavailableException) {
      return STORE_UNAVAILABLE;
    }
    return ERROR;
  }
}
