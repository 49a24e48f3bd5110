package io.tokenwarden.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A tenant's link to one FreeAgent company: the encrypted token pair, when each token expires, when
 * to refresh next, and what went wrong last. The row is tenant-owned: Hibernate stamps and filters
 * {@link #tenantId}, so a session opened for one tenant cannot see another's connection.
 */
@Entity
@Table(name = "freeagent_connection")
public class FreeAgentConnection {

  @Id private UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID tenantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private ConnectionStatus status;

  @Column(name = "access_token_ciphertext", length = 4096)
  private String accessTokenCiphertext;

  @Column(name = "access_expires_at")
  private Instant accessExpiresAt;

  @Column(name = "refresh_token_ciphertext", length = 4096)
  private String refreshTokenCiphertext;

  @Column(name = "refresh_expires_at")
  private Instant refreshExpiresAt;

  @Column(name = "token_version", nullable = false)
  private long tokenVersion;

  @Column(name = "next_refresh_at")
  private Instant nextRefreshAt;

  @Column(name = "last_success_at")
  private Instant lastSuccessAt;

  @Column(name = "last_attempt_at")
  private Instant lastAttemptAt;

  @Column(name = "consecutive_failures", nullable = false)
  private int consecutiveFailures;

  @Column(name = "last_error_code", length = 64)
  private String lastErrorCode;

  @Column(name = "last_error_message", length = 500)
  private String lastErrorMessage;

  @Column(name = "throttled_until")
  private Instant throttledUntil;

  @Column(name = "outcome_unknown_since")
  private Instant outcomeUnknownSince;

  @Column(name = "lease_owner", length = 128)
  private String leaseOwner;

  @Column(name = "lease_expires_at")
  private Instant leaseExpiresAt;

  /** The claim holding the lease (ConnectionLeases writes it; the entity only reads it). */
  @Column(name = "lease_claim")
  private UUID leaseClaim;

  @Column(name = "refresh_expiry_warned_at")
  private Instant refreshExpiryWarnedAt;

  @Column(name = "company_id", length = 64)
  private String companyId;

  @Column(name = "company_name")
  private String companyName;

  @Column(name = "company_subdomain")
  private String companySubdomain;

  @Column(name = "user_email", length = 320)
  private String userEmail;

  @Column(name = "user_permission_level")
  private Integer userPermissionLevel;

  @Column(name = "previous_company_id", length = 64)
  private String previousCompanyId;

  @Column(name = "previous_company_name")
  private String previousCompanyName;

  @Column(name = "company_changed_at")
  private Instant companyChangedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected FreeAgentConnection() {}

  /**
   * A connection that has never been connected. It must be persisted in the owning tenant's context
   * (or in the root context with {@code tenantId} given), which stamps the tenant id.
   */
  public static FreeAgentConnection pending(UUID tenantId, Instant now) {
    FreeAgentConnection connection = new FreeAgentConnection();
    connection.id = UUID.randomUUID();
    connection.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    connection.status = ConnectionStatus.PENDING;
    connection.createdAt = Objects.requireNonNull(now, "now");
    connection.updatedAt = now;
    return connection;
  }

  /**
   * Stores the first grant of a connect or reconnect and the company behind it.
   *
   * @return true when the company differs from the one this tenant was connected to before
   */
  public boolean connect(TokenGrant grant, CompanyFacts company, Instant nextRefresh, Instant now) {
    Objects.requireNonNull(
        grant.refreshCiphertext(), "a code exchange must return a refresh token");
    Objects.requireNonNull(grant.accessCiphertext(), "a code exchange must return an access token");
    boolean companyChanged = companyId != null && !companyId.equals(company.companyId());
    if (companyChanged) {
      previousCompanyId = companyId;
      previousCompanyName = companyName;
      companyChangedAt = now;
    }
    companyId = company.companyId();
    companyName = company.companyName();
    companySubdomain = company.companySubdomain();
    userEmail = company.userEmail();
    userPermissionLevel = company.userPermissionLevel();
    storeGrant(grant, nextRefresh, now);
    return companyChanged;
  }

  /**
   * Stores the pair a refresh returned. Without a new refresh token the current one and its expiry
   * stay: the provider kept it. Without a new access token (the provider rotated the refresh token
   * but sent no usable access token) the current access token and its expiry stay. A connection
   * that was never connected or was disconnected holds no grant to refresh. One that
   * NEEDS_RECONNECT still takes the pair (it is the newest truth about the grant) but is refreshed
   * again at once: the refusal that flagged it may have been the provider seeing the refresh token
   * this pair came from a second time, and a provider that revokes a grant on reuse (RFC 9700
   * §4.14) has revoked this pair with it. The next refresh tells, and flags the connection at once
   * if so, rather than after a whole access-token lifetime of handing out a dead token.
   *
   * @throws IllegalStateException when the connection is PENDING or DISCONNECTED
   */
  public void refreshed(TokenGrant grant, Instant nextRefresh, Instant now) {
    requireHeldGrant("store a refreshed token pair");
    Objects.requireNonNull(nextRefresh, "nextRefresh");
    boolean refusedBefore = status == ConnectionStatus.NEEDS_RECONNECT;
    storeGrant(grant, refusedBefore && nextRefresh.isAfter(now) ? now : nextRefresh, now);
  }

  /**
   * A refresh token this connection no longer holds reached the provider again (another call of the
   * same token, which got the stored pair, came first): refused, or with no usable answer. A
   * provider that revokes a grant on reuse has revoked the stored pair too, so a scheduled
   * connection is refreshed at once to find out; until then it stays as it is.
   */
  public void olderRefreshTokenSentAgain(Instant now) {
    if (status.isScheduled() && (nextRefreshAt == null || nextRefreshAt.isAfter(now))) {
      nextRefreshAt = now;
      updatedAt = now;
    }
  }

  private void storeGrant(TokenGrant grant, Instant nextRefresh, Instant now) {
    if (grant.carriesAccessToken()) {
      accessTokenCiphertext = grant.accessCiphertext();
      accessExpiresAt = grant.accessExpiresAt();
    }
    if (grant.carriesRefreshToken()) {
      refreshTokenCiphertext = grant.refreshCiphertext();
      refreshExpiresAt = grant.refreshExpiresAt();
      refreshExpiryWarnedAt = null; // a new refresh token deserves its own warning
    }
    tokenVersion++;
    status = ConnectionStatus.CONNECTED;
    nextRefreshAt = Objects.requireNonNull(nextRefresh, "nextRefresh");
    lastSuccessAt = now;
    lastAttemptAt = now;
    consecutiveFailures = 0;
    lastErrorCode = null;
    lastErrorMessage = null;
    throttledUntil = null;
    outcomeUnknownSince = null;
    updatedAt = now;
  }

  /**
   * A refresh left but no usable answer came back (a 5xx, no answer, an unusable 200): a transient
   * failure, and FreeAgent may have rotated, so the connection remembers since when the refresh
   * token it holds may be spent. Only a stored pair clears that; failures in between do not.
   */
  public void refreshOutcomeUnknown(
      String errorCode, String message, Instant retryAt, Instant now) {
    refreshFailed(FailureKind.TRANSIENT, errorCode, message, retryAt, now);
    if (outcomeUnknownSince == null) {
      outcomeUnknownSince = now;
    }
  }

  /**
   * A refresh failed; the stored tokens stay exactly as they were. Wrong client credentials are
   * Token Warden's fault, not the tenant's: the status stays and no failure is counted. A local
   * refusal (FreeAgent was never called) moves only the next attempt. Only a connection the
   * scheduler keeps fresh can fail a refresh.
   *
   * @param retryAt when to try again; required unless the grant is lost
   * @throws IllegalStateException when the connection is not scheduled ({@link
   *     ConnectionStatus#isScheduled()})
   */
  public void refreshFailed(
      FailureKind kind, String errorCode, String message, Instant retryAt, Instant now) {
    if (!status.isScheduled()) {
      throw new IllegalStateException("A " + status + " connection cannot fail a refresh.");
    }
    if (retryAt == null && kind != FailureKind.GRANT_LOST) {
      throw new IllegalArgumentException("A " + kind + " failure needs a time to retry.");
    }
    if (kind == FailureKind.LOCAL_REFUSAL) {
      nextRefreshAt = retryAt;
      updatedAt = now;
      return;
    }
    lastAttemptAt = now;
    if (kind != FailureKind.CLIENT_CREDENTIALS) {
      consecutiveFailures++;
    }
    lastErrorCode = errorCode;
    lastErrorMessage =
        message == null || message.length() <= 500 ? message : message.substring(0, 500);
    updatedAt = now;
    switch (kind) {
      case TRANSIENT -> {
        status = ConnectionStatus.REFRESH_FAILING;
        nextRefreshAt = retryAt;
      }
      case CLIENT_CREDENTIALS -> nextRefreshAt = retryAt;
      case THROTTLED -> {
        status = ConnectionStatus.THROTTLED;
        throttledUntil = retryAt;
        nextRefreshAt = retryAt;
      }
      case GRANT_LOST -> {
        status = ConnectionStatus.NEEDS_RECONNECT;
        nextRefreshAt = null;
        throttledUntil = null;
      }
      case LOCAL_REFUSAL -> throw new AssertionError("handled above");
    }
  }

  /** Moves the next scheduled refresh, e.g. after a provider-wide pause. */
  public void rescheduleAt(Instant when, Instant now) {
    if (status.isScheduled()) {
      nextRefreshAt = when;
      updatedAt = now;
    }
  }

  /**
   * The same tokens, sealed again under another encryption key (key rotation). The token version
   * does not move: the pair did not change, so a refresh that read this row before still stores its
   * newer pair over it, and one that reads it after sends the same refresh token.
   */
  public void resealed(String accessCiphertext, String refreshCiphertext, Instant now) {
    if ((accessTokenCiphertext == null) != (accessCiphertext == null)
        || (refreshTokenCiphertext == null) != (refreshCiphertext == null)) {
      throw new IllegalArgumentException("Resealing replaces each stored token, and only those");
    }
    accessTokenCiphertext = accessCiphertext;
    refreshTokenCiphertext = refreshCiphertext;
    updatedAt = now;
  }

  /** The expiry warning for the current refresh token was given; it is not given again. */
  public void refreshExpiryWarned(Instant now) {
    refreshExpiryWarnedAt = now;
    updatedAt = now;
  }

  /** The refresh token has passed its expiry: only a reconnect can help. */
  public void refreshTokenExpired(Instant now) {
    refreshFailed(
        FailureKind.GRANT_LOST,
        "refresh_token_expired",
        "The refresh token expired; send the tenant a reconnect link.",
        null,
        now);
  }

  /** The operator revoked Token Warden's use of this connection; tokens are forgotten. */
  public void disconnect(Instant now) {
    status = ConnectionStatus.DISCONNECTED;
    accessTokenCiphertext = null;
    refreshTokenCiphertext = null;
    accessExpiresAt = null;
    refreshExpiresAt = null;
    nextRefreshAt = null;
    throttledUntil = null;
    tokenVersion++;
    updatedAt = now;
  }

  /**
   * Whether this tenant ever completed a connect: it then gets a reconnect link, not a first
   * connect. A PENDING tenant that was disconnected never held a grant and is not "connected
   * before"; a disconnected one that did keeps its company.
   */
  public boolean hasBeenConnected() {
    return companyId != null || status.isScheduled() || status == ConnectionStatus.NEEDS_RECONNECT;
  }

  private void requireHeldGrant(String action) {
    if (status == ConnectionStatus.PENDING || status == ConnectionStatus.DISCONNECTED) {
      throw new IllegalStateException("A " + status + " connection cannot " + action + ".");
    }
  }

  public UUID id() {
    return id;
  }

  public UUID tenantId() {
    return tenantId;
  }

  public ConnectionStatus status() {
    return status;
  }

  public String accessTokenCiphertext() {
    return accessTokenCiphertext;
  }

  public Instant accessExpiresAt() {
    return accessExpiresAt;
  }

  public String refreshTokenCiphertext() {
    return refreshTokenCiphertext;
  }

  public Instant refreshExpiresAt() {
    return refreshExpiresAt;
  }

  public long tokenVersion() {
    return tokenVersion;
  }

  public Instant nextRefreshAt() {
    return nextRefreshAt;
  }

  public Instant lastSuccessAt() {
    return lastSuccessAt;
  }

  public Instant lastAttemptAt() {
    return lastAttemptAt;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  public String lastErrorCode() {
    return lastErrorCode;
  }

  public String lastErrorMessage() {
    return lastErrorMessage;
  }

  public Instant throttledUntil() {
    return throttledUntil;
  }

  /**
   * Since when a refresh whose answer never arrived leaves the refresh token in doubt (FreeAgent
   * may have rotated it), or null; cleared when a pair is stored.
   */
  public Instant outcomeUnknownSince() {
    return outcomeUnknownSince;
  }

  public String leaseOwner() {
    return leaseOwner;
  }

  public Instant leaseExpiresAt() {
    return leaseExpiresAt;
  }

  /** The id of the claim that holds the lease, or null (no lease, or one taken before V33). */
  public UUID leaseClaim() {
    return leaseClaim;
  }

  /** When the expiry warning for the current refresh token was given, or null. */
  public Instant refreshExpiryWarnedAt() {
    return refreshExpiryWarnedAt;
  }

  public String companyId() {
    return companyId;
  }

  public String companyName() {
    return companyName;
  }

  public String companySubdomain() {
    return companySubdomain;
  }

  public String userEmail() {
    return userEmail;
  }

  public Integer userPermissionLevel() {
    return userPermissionLevel;
  }

  public String previousCompanyId() {
    return previousCompanyId;
  }

  /** The name of the company a reconnect replaced (null before V35 or without a change). */
  public String previousCompanyName() {
    return previousCompanyName;
  }

  public Instant companyChangedAt() {
    return companyChangedAt;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
