package io.tokenwarden.interfaces.api;

import io.tokenwarden.domain.ApiClient;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * The authenticated API client of the current request, set by {@link ApiKeyAuthenticationFilter}.
 */
@RequestScoped
public class ApiCaller {

  private ApiClient client;

  void authenticatedAs(ApiClient client) {
    this.client = client;
  }

  public ApiClient client() {
    return client;
  }

  /** How the audit trail and the log name this caller: "API key ci". */
  public String actor() {
    return "API key " + client.name();
  }

  /**
   * @throws ProblemException 403 when the key is limited to another tenant
   */
  public void requireReach(UUID tenantId) {
    if (client == null || !client.reaches(tenantId)) {
      throw new ProblemException(
          ProblemType.OUT_OF_SCOPE, "This API key is limited to another tenant.");
    }
  }
}
