package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.CompanyFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Reads who a fresh grant belongs to ({@code /v2/company} and {@code /v2/users/me}). These reads
 * are idempotent, so a transient failure is retried here.
 */
@ApplicationScoped
public class FreeAgentApiClient {

  @Inject FreeAgentSettings settings;

  @Inject FreeAgentApi api;

  /** The company and user behind {@code accessToken}. */
  @Retry(
      maxRetries = 2,
      delay = 250,
      jitter = 200,
      retryOn = {ProviderUnreachableException.class, ProviderOutcomeUnknownException.class})
  public CompanyFacts companyFacts(String accessToken) {
    String bearer = "Bearer " + accessToken;
    try {
      JsonObject company = member(api.company(bearer, settings.userAgent()), "company");
      JsonObject user = member(api.currentUser(bearer, settings.userAgent()), "user");
      return new CompanyFacts(
          companyId(company),
          text(company, "name"),
          text(company, "subdomain"),
          text(user, "email"),
          user.get("permission_level") instanceof JsonNumber n ? n.intValue() : null);
    } catch (ProcessingException e) {
      throw TransportFailures.classify(e);
    }
  }

  private static JsonObject member(String body, String name) {
    JsonObject root = TokenResponseParser.readObject(body);
    if (!(root.get(name) instanceof JsonObject object)) {
      throw TokenResponseParser.malformed(name + " is missing");
    }
    return object;
  }

  /** FreeAgent identifies a company by its URL; some answers also carry a numeric id. */
  private static String companyId(JsonObject company) {
    JsonValue id = company.get("id");
    if (id instanceof JsonString s && !s.getString().isBlank()) {
      return s.getString();
    }
    if (id instanceof JsonNumber n) {
      return n.toString();
    }
    String url = text(company, "url");
    if (url == null) {
      throw TokenResponseParser.malformed("company has neither id nor url");
    }
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static String text(JsonObject object, String field) {
    return object.get(field) instanceof JsonString s ? s.getString() : null;
  }
}
