package io.tokenwarden.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * One press of the Connect button: the OAuth {@code state} sent to FreeAgent and the browser that
 * pressed it, both stored only as hashes. The callback is accepted once, from the same browser,
 * before the attempt expires; the attempt never outlives its link nor the 15 minutes an
 * authorization code lives.
 */
@Entity
@Table(name = "authorization_attempt")
public class AuthorizationAttempt {

  /** Outcome while the code is being exchanged (the attempt is claimed, not yet finished). */
  public static final String EXCHANGING = "exchanging";

  /** Outcome of an attempt that stored a connection. */
  public static final String CONNECTED = "connected";

  /** The longest authorization code accepted; anything longer is not FreeAgent's. */
  static final int MAX_CODE_LENGTH = 2048;

  /** FreeAgent's OAuth error when the tenant pressed Deny. */
  static final String ACCESS_DENIED = "access_denied";

  @Id private UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID tenantId;

  @Column(name = "link_id", nullable = false, updatable = false)
  private UUID linkId;

  @Column(name = "state_hash", nullable = false, length = 64, unique = true)
  private String stateHash;

  @Column(name = "browser_binding_hash", nullable = false, length = 64)
  private String browserBindingHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(length = 32)
  private String outcome;

  protected AuthorizationAttempt() {}

  /**
   * Starts an attempt through {@code link}.
   *
   * @param lifetime how long the callback may take (the authorization code's lifetime)
   * @throws IllegalStateException when the link is not usable at {@code now}
   */
  public static AuthorizationAttempt start(
      OnboardingLink link,
      String stateHash,
      String browserBindingHash,
      Instant now,
      Duration lifetime) {
    if (!link.isUsable(now)) {
      throw new IllegalStateException(
          "An onboarding link that is "
              + link.stateAt(now).label()
              + " cannot start a connection.");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("An authorization attempt must live for a positive time.");
    }
    AuthorizationAttempt attempt = new AuthorizationAttempt();
    attempt.id = UUID.randomUUID();
    attempt.tenantId = link.tenantId();
    attempt.linkId = link.id();
    attempt.stateHash = requireHash(stateHash, "stateHash");
    attempt.browserBindingHash = requireHash(browserBindingHash, "browserBindingHash");
    attempt.createdAt = now;
    Instant codeDeadline = now.plus(lifetime);
    attempt.expiresAt = codeDeadline.isBefore(link.expiresAt()) ? codeDeadline : link.expiresAt();
    return attempt;
  }

  /**
   * Decides a callback from FreeAgent, in this order: the same browser and not yet finished (else
   * {@link CallbackVerdict#INVALID}, and nothing changes: a forged or replayed state must not end
   * the real attempt); the link still usable; the attempt not expired; no OAuth error; a code.
   * Every refusal but INVALID finishes the attempt with its reason; acceptance claims it, so a
   * replay is refused even while the code is being exchanged.
   *
   * @param presentedBindingHash the hash of the binding cookie the browser sent, or null
   * @param link this attempt's link, read (and locked) in the same unit of work
   * @param code the authorization code FreeAgent sent, or null
   * @param error FreeAgent's OAuth error parameter, or null
   */
  public CallbackVerdict checkCallback(
      String presentedBindingHash, OnboardingLink link, String code, String error, Instant now) {
    if (!link.id().equals(linkId)) {
      throw new IllegalArgumentException("The link given is not this attempt's link.");
    }
    if (!isBoundTo(presentedBindingHash) || isCompleted()) {
      return CallbackVerdict.INVALID;
    }
    LinkState linkState = link.stateAt(now);
    if (linkState != LinkState.USABLE) {
      finishBecauseLinkIs(linkState, now);
      return CallbackVerdict.forLink(linkState);
    }
    if (isExpired(now)) {
      finish("expired", now);
      return CallbackVerdict.ATTEMPT_EXPIRED;
    }
    if (error != null && !error.isBlank()) {
      boolean declined = ACCESS_DENIED.equals(error);
      finish(declined ? ACCESS_DENIED : "provider_error", now);
      return declined ? CallbackVerdict.DECLINED : CallbackVerdict.PROVIDER_ERROR;
    }
    if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH) {
      finish("no_code", now);
      return CallbackVerdict.NO_CODE;
    }
    claim(now);
    return CallbackVerdict.ACCEPTED;
  }

  /** Ends the attempt because its link stopped being usable (e.g. {@code link_revoked}). */
  public void finishBecauseLinkIs(LinkState linkState, Instant now) {
    finish("link_" + linkState.label(), now);
  }

  /**
   * Whether this browser's callback already finished this attempt (a reload, or the back button):
   * the page may then tell the same browser again how it ended. Another browser learns nothing.
   */
  public boolean finishedFor(String presentedBindingHash) {
    return isCompleted() && !EXCHANGING.equals(outcome) && isBoundTo(presentedBindingHash);
  }

  /** Whether the callback came from the browser that started the attempt (constant time). */
  public boolean isBoundTo(String presentedBindingHash) {
    return presentedBindingHash != null
        && MessageDigest.isEqual(
            browserBindingHash.getBytes(StandardCharsets.US_ASCII),
            presentedBindingHash.getBytes(StandardCharsets.US_ASCII));
  }

  public boolean isCompleted() {
    return completedAt != null;
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Neither completed nor expired: the callback may still be accepted. */
  public boolean isOpen(Instant now) {
    return !isCompleted() && !isExpired(now);
  }

  /**
   * Takes the attempt for one callback: from here on a replay of the same state is refused, even
   * while the code exchange is still running.
   *
   * @throws IllegalStateException when the attempt is completed or expired
   */
  public void claim(Instant now) {
    if (!isOpen(now)) {
      throw new IllegalStateException("This authorization attempt is no longer open.");
    }
    completedAt = now;
    outcome = EXCHANGING;
  }

  /**
   * Records how the attempt ended (e.g. {@code connected}, {@code access_denied}, {@code
   * invalid_grant}, {@code client_credentials_rejected}). An attempt not yet claimed is completed
   * now; the outcome of a claimed attempt replaces "exchanging".
   */
  public void finish(String finalOutcome, Instant now) {
    Objects.requireNonNull(finalOutcome, "finalOutcome");
    if (completedAt != null && !EXCHANGING.equals(outcome)) {
      throw new IllegalStateException("This authorization attempt has already finished.");
    }
    if (completedAt == null) {
      completedAt = now;
    }
    outcome = finalOutcome.length() <= 32 ? finalOutcome : finalOutcome.substring(0, 32);
  }

  private static String requireHash(String hash, String name) {
    if (hash == null || hash.length() != 64) {
      throw new IllegalArgumentException(name + " must be a 64-character SHA-256 hex digest");
    }
    return hash;
  }

  public UUID id() {
    return id;
  }

  public UUID tenantId() {
    return tenantId;
  }

  public UUID linkId() {
    return linkId;
  }

  public String stateHash() {
    return stateHash;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant completedAt() {
    return completedAt;
  }

  public String outcome() {
    return outcome;
  }

  @Override
  public String toString() {
    return "AuthorizationAttempt[" + id + ", tenant " + tenantId + ", outcome " + outcome + "]";
  }
}
