package io.tokenwarden.infrastructure.freeagent;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Registered on {@link FreeAgentApi}: 401 there means the access token was not accepted. */
public class ApiErrorMapper implements ResponseExceptionMapper<ProviderException> {

  @Override
  public ProviderException toThrowable(Response response) {
    return ProviderErrors.fromApi(response);
  }

  @Override
  public boolean handles(int status, MultivaluedMap<String, Object> headers) {
    return status >= 300;
  }
}
