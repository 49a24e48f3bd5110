package io.tokenwarden.it.refresh;

import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.handout.AccessTokenHandOut;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.domain.CompanyFacts;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Test probe: makes tenants connected to an emulator user without the browser (a grant minted
 * through the control API, stored through the domain's own {@code connect}), and reads or nudges
 * their connection rows for assertions. Deployed only with the refresh ITs.
 */
@ApplicationScoped
public class ConnectedTenants {

  @Inject TenantService tenants;

  @Inject TenantScope scope;

  @Inject Tenants tenantRows;

  @Inject TokenCipher cipher;

  @Inject PublicUrl publicUrl;

  @Inject AccessTokenHandOut handOut;

  @Inject MetricRegistry metrics;

  @Inject NodeIdentity node;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  public EmulatorControl emulator() {
    return new EmulatorControl(publicUrl.base());
  }

  /** The access-token lifetime FreeAgent returns, which the fixture's tokens pretend to have. */
  public static final Duration FREEAGENT_LIFETIME = Duration.ofHours(1);

  /**
   * A connected tenant for {@code emulatorUserId} whose access token expires at {@code
   * accessExpiresAt} (as Token Warden believes) and whose refresh is due at {@code nextRefresh}.
   * The token looks like an hour-long FreeAgent token stored an hour before its expiry (so a token
   * expiring in 3 s is one near its end, not one with a 3-second lifetime, which the hand-out guard
   * would treat differently); {@link #setLastSuccess} sets another lifetime.
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
            cipher.encrypt(id, TokenColumn.ACCESS_TOKEN, grant.getString("access_token")),
            accessExpiresAt,
            cipher.encrypt(id, TokenColumn.REFRESH_TOKEN, grant.getString("refresh_token")),
            now.plusSeconds(grant.getJsonNumber("refresh_token_expires_in").longValue()));
    JsonObject company = user.getJsonObject("company");
    CompanyFacts facts = companyFacts(company, user);
    scope.asTenant(
        id,
        () -> {
          connection().connect(tokens, facts, nextRefresh, now);
          return null;
        });
    setLastSuccess(id, accessExpiresAt.minus(FREEAGENT_LIFETIME));
    return new Connected(id, slug, emulatorUserId, grant.getString("access_token"));
  }

  /**
   * A tenant connected to a new emulator user, its token fresh for the hour and its refresh not due
   * for 50 minutes: what the hand-out serves from memory once asked.
   */
  public Connected connectFresh(String slugPrefix) {
    long user =
        emulator().createUsers(1, slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    return connect(slugPrefix, user, now.plus(FREEAGENT_LIFETIME), now.plusSeconds(3000));
  }

  /** {@code GET /api/v1/tenants/{slug}/access-token} over HTTP with {@code key}. */
  public HttpResponse<String> handOverHttp(String slug, String key)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(publicUrl.base() + "/api/v1/tenants/" + slug + "/access-token"))
            .header("Authorization", "Bearer " + key)
            .build(),
        HttpResponse.BodyHandlers.ofString());
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

  /** Lets this node's lease on the connection run out (test nudge, as time passing would). */
  public void expireLease(UUID tenantId) {
    update(tenantId, "lease_expires_at = :t", Instant.now().minusSeconds(1));
  }

  /**
   * Puts a lease held by {@code owner} until {@code until} on the connection (test nudge, as a node
   * that claimed it and then died would leave it).
   */
  public void holdLease(UUID tenantId, String owner, Instant until) {
    scope.asTenant(
        tenantId,
        () ->
            em.createNativeQuery(
                    "UPDATE freeagent_connection SET lease_owner = :owner, lease_expires_at = :until"
                        + " WHERE tenant_id = :tenant")
                .setParameter("owner", owner)
                .setParameter("until", until.atOffset(ZoneOffset.UTC))
                .setParameter("tenant", tenantId)
                .executeUpdate());
  }

  /**
   * Writes a node registry row for {@code name} whose last heartbeat was {@code ago} ago (as
   * another node, live or dead, would have left it; the database runs on this machine's clock).
   *
   * <p>Only once this node has registered: its registration prunes the rows of nodes gone long
   * enough that hold no lease, and a row seeded just before a lease is seeded for it is such a row.
   * Pruned, its holder looks like a live node of another version and its lease is waited out (a CI
   * run lost 20 s that way when the deployment's first tick came late).
   */
  public void heartbeatOf(String name, String configuredName, Duration ago) {
    awaitThisNodeRegistered();
    scope.asRoot(
        () -> {
          forgetNode(name);
          em.createNativeQuery(
                  "INSERT INTO node (name, configured_name, started_at, heartbeat_at)"
                      + " VALUES (:name, :configured, :at, :at)")
              .setParameter("name", name)
              .setParameter("configured", configuredName)
              .setParameter("at", Instant.now().minus(ago).atOffset(ZoneOffset.UTC))
              .executeUpdate();
        });
  }

  /**
   * Waits for two polls of this node's change watch applied after now: the second certainly read
   * every write committed before (ADR 0028).
   */
  public void awaitTwoChangeWatchPolls() {
    long now = handOut.coverage().latest().number();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> handOut.coverage().latest().number() >= now + 2);
  }

  /** Hand-outs this node served from the database rather than from memory, so far. */
  public long handOutCacheMisses() {
    var counter =
        metrics
            .getCounters()
            .get(new MetricID("tokenwarden.handout.cache", new Tag("result", "miss")));
    return counter == null ? 0 : counter.getCount();
  }

  /** Gives a registry row the peer URL other nodes ask it at (ADR 0029). */
  public void peerUrlOf(String name, String url) {
    scope.asRoot(
        () -> {
          em.createNativeQuery("UPDATE node SET peer_url = :url WHERE name = :name")
              .setParameter("url", url)
              .setParameter("name", name)
              .executeUpdate();
        });
  }

  /**
   * The refreshes {@code userKey}'s per-user window starting at {@code window} counts; 0 when the
   * user's row counts another window, or has none.
   */
  public int userSlotsUsed(String userKey, Instant window) {
    return scope.asRoot(
        () -> {
          List<?> used =
              em.createNativeQuery(
                      "SELECT used FROM user_refresh_window WHERE user_key = :key"
                          + " AND window_start = :window")
                  .setParameter("key", userKey)
                  .setParameter("window", window.atOffset(ZoneOffset.UTC))
                  .getResultList();
          return used.isEmpty() ? 0 : ((Number) used.get(0)).intValue();
        });
  }

  /** Waits for this run's first heartbeat, which registered it in the node registry. */
  public void awaitThisNodeRegistered() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                scope.asRoot(
                    () ->
                        !em.createNativeQuery("SELECT 1 FROM node WHERE name = :name")
                            .setParameter("name", node.name())
                            .getResultList()
                            .isEmpty()));
  }

  /** Removes a node registry row written by {@link #heartbeatOf}. */
  public void forgetNode(String name) {
    scope.asRoot(
        () -> {
          em.createNativeQuery("DELETE FROM node WHERE name = :name")
              .setParameter("name", name)
              .executeUpdate();
        });
  }

  /**
   * Makes the connection look as after {@code failures} failed refreshes whose retry (with backoff)
   * is due at {@code retryAt} (test nudge, as the refresh protocol records it).
   */
  public void failedWithRetryAt(UUID tenantId, int failures, Instant retryAt) {
    update(tenantId, "consecutive_failures = " + failures + ", next_refresh_at = :t", retryAt);
  }

  public void setRefreshExpiry(UUID tenantId, Instant when) {
    update(tenantId, "refresh_expires_at = :t", when);
  }

  /** When the stored access token was received: its lifetime is from then to its expiry. */
  public void setLastSuccess(UUID tenantId, Instant when) {
    update(tenantId, "last_success_at = :t", when);
  }

  /** Marks the last refresh's outcome unknown since {@code when} (test nudge, as a lost answer). */
  public void setOutcomeUnknownSince(UUID tenantId, Instant when) {
    update(tenantId, "outcome_unknown_since = :t", when);
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
                      + " credentials_rejected_at = NULL, alarm_message = NULL,"
                      + " throttle_announced = FALSE")
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

  /**
   * Marks the connection NEEDS_RECONNECT as another node's write would (its {@code updated_at}
   * moves), without telling this node's hand-out, which only its change watch can then notice.
   */
  public void needsReconnectElsewhere(UUID tenantId) {
    scope.asTenant(
        tenantId,
        () ->
            em.createNativeQuery(
                    "UPDATE freeagent_connection SET status = 'NEEDS_RECONNECT', updated_at = :now"
                        + " WHERE tenant_id = :tenant")
                .setParameter("now", Instant.now().atOffset(ZoneOffset.UTC))
                .setParameter("tenant", tenantId)
                .executeUpdate());
  }

  /**
   * Moves the connection to its next token version as another node's refresh would (version and
   * {@code updated_at} move), without telling this node's hand-out, which only its change watch can
   * then notice. The stored token stays the one this node already holds.
   */
  public void refreshedElsewhere(UUID tenantId) {
    scope.asTenant(
        tenantId,
        () ->
            em.createNativeQuery(
                    "UPDATE freeagent_connection SET token_version = token_version + 1,"
                        + " updated_at = :now WHERE tenant_id = :tenant")
                .setParameter("now", Instant.now().atOffset(ZoneOffset.UTC))
                .setParameter("tenant", tenantId)
                .executeUpdate());
  }

  /** The slug the tenant's deletion note names, if the note is still kept. */
  public Optional<String> deletionNoteSlug(UUID tenantId) {
    return scope.asRoot(
        () ->
            em.createNativeQuery("SELECT slug FROM tenant_deletion WHERE tenant_id = :tenant")
                .setParameter("tenant", tenantId)
                .getResultStream()
                .findFirst()
                .map(Object::toString));
  }

  /** Moves the tenant's deletion note {@code by} into the past. */
  public void ageDeletionNote(UUID tenantId, Duration by) {
    scope.asRoot(
        () -> {
          em.createNativeQuery(
                  "UPDATE tenant_deletion SET deleted_at = :at WHERE tenant_id = :tenant")
              .setParameter("at", Instant.now().minus(by).atOffset(ZoneOffset.UTC))
              .setParameter("tenant", tenantId)
              .executeUpdate();
        });
  }

  /**
   * Deletes the tenant as another node would: in the database only, not from this node's memory.
   */
  public void deleteElsewhere(UUID tenantId) {
    scope.asRoot(
        () -> tenantRows.byId(tenantId).ifPresent(t -> tenantRows.remove(t, Instant.now())));
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
