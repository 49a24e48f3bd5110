package io.tokenwarden.application.webhooks;

/**
 * An endpoint with its new signing secret ({@code whsec_…}): the answer to creating an endpoint or
 * rotating its secret, the only time the secret is shown. Callers must not log it.
 */
public record IssuedEndpointSecret(EndpointView endpoint, String secret) {

  @Override
  public String toString() {
    return "IssuedEndpointSecret[endpoint=" + endpoint.id() + ", secret=(hidden)]";
  }
}
