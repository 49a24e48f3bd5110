package io.tokenwarden.application.handout;

import io.tokenwarden.domain.ConnectionStatus;
import java.util.List;

/**
 * A hand-out's answer: the access token, the connection's status and the warnings a caller should
 * act on before the connection breaks. Never the refresh token. {@link #toString()} never shows the
 * token.
 */
public record HandOutAnswer(
    HandedOutToken token, ConnectionStatus status, List<HandOutWarning> warnings) {

  @Override
  public String toString() {
    return "HandOutAnswer[" + status + ", " + warnings.size() + " warnings, " + token + "]";
  }
}
