package io.tokenwarden.application.webhooks;

/**
 * An endpoint request that cannot be carried out: a field with a bad value (the API answers 400
 * naming it, the console shows the message beside it), or an endpoint that does not exist ({@code
 * field} null, 404). The message never contains a secret.
 */
public class WebhookEndpointException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public WebhookEndpointException(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The field at fault, or null when the endpoint was not found. */
  public String field() {
    return field;
  }
}
