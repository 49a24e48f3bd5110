package io.tokenwarden.application.handout;

import io.tokenwarden.domain.ConnectionStatus;

/** The tenant's connection cannot yield a token until a person acts (reconnect or connect). */
public class ConnectionNotUsableException extends RuntimeException {

  private final ConnectionStatus status;

  public ConnectionNotUsableException(ConnectionStatus status) {
    super(describe(status), null, false, false);
    this.status = status;
  }

  public ConnectionStatus status() {
    return status;
  }

  private static String describe(ConnectionStatus status) {
    return switch (status) {
      case PENDING -> "The tenant has not connected FreeAgent yet; send them the onboarding link.";
      case DISCONNECTED -> "The tenant's FreeAgent connection was disconnected by an operator.";
      default ->
          "The tenant's FreeAgent connection needs a reconnect ("
              + status
              + "); send them a reconnect link.";
    };
  }
}
