package io.tokenwarden.it.refresh;

import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.domain.CompanyFacts;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Test probe: makes tenants connected to an emulator user without the browser (a grant minted
 * through the control API, stored through the domain's own {@code connect}), and reads or nudges
 * their connection rows for assertions. Deployed only with the refresh ITs.
 */
@ApplicationScoped
public class ConnectedTenants {

  @Inject TenantService tenants;

  @Inject TenantScope scope;

  @Inject TokenCipher cipher;

  @Inject FreeAgentSettings settings;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  public EmulatorControl emulator() {
    return new EmulatorControl(settings.publicUrl());
  }

  /**
   * A connected tenant for {@code emulatorUserId} whose access token expires at {@code
   * accessExpiresAt} (as Token Warden believes) and whose refresh is due at {@code nextRefresh}.
   */
  public Connected connect(
      String slugPrefix, long emulatorUserId, Instant accessExpiresAt, Instant nextRefresh) {
    JsonObject grant = emulator().mintGrant(emulatorUserId);
    JsonObject user = emulator().user(emulatorUserId);
    String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Tenant tenant = tenants.create(slug, "Refresh IT " + slug);
    UUID id = tenant.id();
    Instant now = Instant.now();
    TokenGrant tokens =
        new TokenGrant(
            cipher.encrypt(id, "access_token", grant.getString("access_token")),
            accessExpiresAt,
            cipher.encrypt(id, "refresh_token", grant.getString("refresh_token")),
            now.plusSeconds(grant.getJsonNumber("refresh_token_expires_in").longValue()));
    JsonObject company = user.getJsonObject("company");
    CompanyFacts facts = companyFacts(company, user);
    scope.asTenant(
        id,
        () -> {
          connection().connect(tokens, facts, nextRefresh, now);
          return null;
        });
    return new Connected(id, slug, emulatorUserId, grant.getString("access_token"));
  }

  private static CompanyFacts companyFacts(JsonObject company, JsonObject user) {
    return new CompanyFacts(
        String.valueOf(company.getJsonNumber("id").longValue()),
        company.getString("name"),
        company.getString("subdomain"),
        user.getString("email"),
        user.getInt("permissionLevel"));
  }

  public FreeAgentConnection read(UUID tenantId) {
    return scope.asTenant(tenantId, this::connection);
  }

  public List<RefreshEvent> events(UUID tenantId) {
    return scope.asTenant(
        tenantId,
        () ->
            em.createQuery("select e from RefreshEvent e order by e.occurredAt", RefreshEvent.class)
                .getResultList());
  }

  /** Makes the connection due now (test nudge through SQL, as another node's clock would). */
  public void makeDue(UUID tenantId) {
    update(tenantId, "next_refresh_at = :t", Instant.now().minusMillis(10));
  }

  public void setRefreshExpiry(UUID tenantId, Instant when) {
    update(tenantId, "refresh_expires_at = :t", when);
  }

  public void setAccessExpiry(UUID tenantId, Instant when) {
    update(tenantId, "access_expires_at = :t", when);
  }

  /** Clears the provider-wide pause and alarm so later tests start from a healthy provider. */
  public void clearProviderState() {
    scope.asRoot(
        () -> {
          em.createNativeQuery(
                  "UPDATE provider_state SET throttle_paused_until = NULL,"
                      + " credentials_rejected_at = NULL, alarm_message = NULL")
              .executeUpdate();
          em.createNativeQuery("DELETE FROM rate_limit_hit").executeUpdate();
        });
  }

  public void disconnect(UUID tenantId) {
    tenants.disconnect(tenantId);
  }

  public void delete(UUID tenantId) {
    tenants.delete(tenantId);
  }

  private void update(UUID tenantId, String set, Instant value) {
    scope.asTenant(
        tenantId,
        () ->
            em.createNativeQuery(
                    "UPDATE freeagent_connection SET " + set + " WHERE tenant_id = :tenant")
                .setParameter("t", value.atOffset(ZoneOffset.UTC))
                .setParameter("tenant", tenantId)
                .executeUpdate());
  }

  private FreeAgentConnection connection() {
    return em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
        .getSingleResult();
  }

  /** A tenant connected to an emulator user; {@code firstAccessToken} as minted. */
  public record Connected(UUID id, String slug, long emulatorUserId, String firstAccessToken) {}
}
