package io.tokenwarden.infrastructure.freeagent;

import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Registered on {@link FreeAgentTokenApi}: 401 there means our client credentials are wrong. */
public class TokenEndpointErrorMapper implements ResponseExceptionMapper<ProviderException> {

  @Override
  public ProviderException toThrowable(Response response) {
    return ProviderErrors.fromTokenEndpoint(response);
  }

  @Override
  public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
    return status >= 300;
  }
}
