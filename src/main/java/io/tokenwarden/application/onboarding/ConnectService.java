package io.tokenwarden.application.onboarding;

import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.domain.AuthorizationAttempt;
import io.tokenwarden.domain.CompanyFacts;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.LinkState;
import io.tokenwarden.domain.OnboardingLink;
import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.freeagent.ClientCredentialsRejectedException;
import io.tokenwarden.infrastructure.freeagent.FreeAgentApiClient;
import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import io.tokenwarden.infrastructure.freeagent.ProviderException;
import io.tokenwarden.infrastructure.freeagent.TokenResponse;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OAuth authorization-code flow behind the tenant's pages. {@link #start} creates an attempt
 * whose {@code state} and browser binding are stored only as hashes; {@link #complete} accepts the
 * callback once, from that browser, in time, exchanges the code and reads the company <em>outside
 * any transaction</em>, then stores everything in one tenant-scoped unit of work. Every failure
 * leaves the connection and the link as they were; only the attempt records how it ended.
 */
@ApplicationScoped
public class ConnectService {

  private static final Logger LOG = Logger.getLogger(ConnectService.class.getName());
  private static final Pattern SECRET_FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject FreeAgentSettings settings;

  @Inject FreeAgentOAuthClient oauth;

  @Inject FreeAgentApiClient api;

  @Inject TokenCipher cipher;

  @Inject RefreshSchedulePolicy schedule;

  @Inject AuditTrail audit;

  /** How long the callback may take after Connect: FreeAgent's authorization code lives 15 min. */
  @Inject
  @ConfigProperty(name = "tokenwarden.onboarding.attempt-ttl", defaultValue = "PT15M")
  Duration attemptLifetime;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /** What the landing page of {@code linkToken} shows; changes nothing. */
  public LinkLanding open(String linkToken) {
    Instant now = clock.instant();
    return scope.asRoot(
        () -> {
          Optional<OnboardingLink> link = linkByToken(linkToken);
          if (link.isEmpty()) {
            return new LinkLanding(ConnectOutcome.LINK_UNKNOWN, null, null);
          }
          String tenantName = tenantName(link.get().tenantId());
          LinkState state = link.get().stateAt(now);
          return new LinkLanding(
              state == LinkState.USABLE ? null : ConnectOutcome.forLink(state),
              tenantName,
              link.get().purpose());
        });
  }

  /**
   * The tenant pressed Connect: a new attempt with a fresh {@code state}.
   *
   * @param browserBinding the binding cookie the browser already carries (reused, so two tabs can
   *     both finish), or null
   */
  public ConnectStart start(String linkToken, String browserBinding) {
    Instant now = clock.instant();
    String state = SecretHash.newSecret();
    String binding = isWellFormed(browserBinding) ? browserBinding : SecretHash.newSecret();
    ConnectOutcome refusal =
        scope.asRoot(
            () -> {
              Optional<OnboardingLink> link = linkByToken(linkToken);
              if (link.isEmpty()) {
                return ConnectOutcome.LINK_UNKNOWN;
              }
              LinkState linkState = link.get().stateAt(now);
              if (linkState != LinkState.USABLE) {
                return ConnectOutcome.forLink(linkState);
              }
              // Root context keeps the attempt's explicit tenant id (the link's tenant).
              em.persist(
                  AuthorizationAttempt.start(
                      link.get(),
                      SecretHash.of(state),
                      SecretHash.of(binding),
                      now,
                      attemptLifetime));
              return null;
            });
    if (refusal != null) {
      return ConnectStart.refused(refusal);
    }
    return new ConnectStart(approveUrl(state), binding, null);
  }

  /** How long the browser should keep the binding cookie. */
  public Duration attemptLifetime() {
    return attemptLifetime;
  }

  /**
   * FreeAgent sent the browser back to {@code /connect/callback}.
   *
   * @param code the authorization code, or null
   * @param state the echoed state, or null
   * @param error FreeAgent's error (e.g. access_denied), or null
   * @param browserBinding the binding cookie the browser sent, or null
   */
  public ConnectResult complete(String code, String state, String error, String browserBinding) {
    if (!isPlausible(state)) {
      return ConnectResult.refused(ConnectOutcome.ATTEMPT_INVALID, null);
    }
    String bindingHash = isWellFormed(browserBinding) ? SecretHash.of(browserBinding) : null;
    Claim claim =
        scope.asRoot(() -> claim(SecretHash.of(state), bindingHash, code, error, clock.instant()));
    if (claim.refusal() != null) {
      return ConnectResult.refused(claim.refusal(), claim.tenantName());
    }

    Instant callStarted = clock.instant();
    TokenResponse tokens;
    try {
      tokens = oauth.exchangeCode(code, settings.redirectUri());
    } catch (RuntimeException e) {
      return failed(claim, e, Duration.between(callStarted, clock.instant()), true);
    }
    Instant received = clock.instant();
    Duration exchangeDuration = Duration.between(callStarted, received);
    if (tokens.refreshToken() == null) {
      LOG.warning(
          () ->
              "FreeAgent's code exchange for tenant "
                  + claim.tenantId()
                  + " returned no refresh token; nothing was stored");
      return finishRefused(
          claim, ConnectOutcome.PROVIDER_UNAVAILABLE, "no_refresh_token", 200, exchangeDuration);
    }
    CompanyFacts company;
    try {
      company = api.companyFacts(tokens.accessToken());
    } catch (RuntimeException e) {
      return failed(claim, e, exchangeDuration, false);
    }
    return store(claim, tokens, company, received, exchangeDuration);
  }

  /**
   * Checks the callback against the attempt and, when it may proceed, claims the attempt so a
   * replay is refused even while this exchange runs. The row lock serialises two callbacks carrying
   * the same state.
   */
  private Claim claim(
      String stateHash, String bindingHash, String code, String error, Instant now) {
    // Cross-tenant by design: the callback names no tenant; the state hash is unique.
    List<AuthorizationAttempt> found =
        em.createQuery(
                "select a from AuthorizationAttempt a where a.stateHash = :hash",
                AuthorizationAttempt.class)
            .setParameter("hash", stateHash)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    if (found.isEmpty()) {
      return Claim.refused(ConnectOutcome.ATTEMPT_INVALID, null);
    }
    AuthorizationAttempt attempt = found.get(0);
    if (!attempt.isBoundTo(bindingHash) || attempt.isCompleted()) {
      // Another browser, or a replay: say nothing about which, and change nothing.
      return Claim.refused(ConnectOutcome.ATTEMPT_INVALID, null);
    }
    String tenantName = tenantName(attempt.tenantId());
    OnboardingLink link = em.find(OnboardingLink.class, attempt.linkId());
    LinkState linkState = link.stateAt(now);
    if (linkState != LinkState.USABLE) {
      attempt.finish("link_" + linkState.label(), now);
      return Claim.refused(ConnectOutcome.forLink(linkState), tenantName);
    }
    if (attempt.isExpired(now)) {
      attempt.finish("expired", now);
      return Claim.refused(ConnectOutcome.ATTEMPT_EXPIRED, tenantName);
    }
    if (error != null && !error.isBlank()) {
      boolean declined = "access_denied".equals(error);
      attempt.finish(declined ? "access_denied" : "provider_error", now);
      if (!declined) {
        LOG.warning(
            () ->
                "FreeAgent returned an OAuth error other than access_denied for tenant "
                    + attempt.tenantId()
                    + " (error parameter "
                    + sanitised(error)
                    + ")");
      }
      return Claim.refused(
          declined ? ConnectOutcome.DECLINED : ConnectOutcome.PROVIDER_ERROR, tenantName);
    }
    if (code == null || code.isBlank() || code.length() > 2048) {
      attempt.finish("no_code", now);
      return Claim.refused(ConnectOutcome.PROVIDER_ERROR, tenantName);
    }
    attempt.claim(now);
    return new Claim(null, attempt.id(), attempt.tenantId(), link.id(), tenantName, now);
  }

  /** Stores the new connection, spends the link and audits it, all in one unit of work. */
  private ConnectResult store(
      Claim claim,
      TokenResponse tokens,
      CompanyFacts company,
      Instant received,
      Duration exchangeDuration) {
    UUID tenantId = claim.tenantId();
    return scope.asTenant(
        tenantId,
        () -> {
          Instant now = clock.instant();
          OnboardingLink link =
              em.find(OnboardingLink.class, claim.linkId(), LockModeType.PESSIMISTIC_WRITE);
          AuthorizationAttempt attempt = em.find(AuthorizationAttempt.class, claim.attemptId());
          // The link was usable when the callback was accepted; it may since have been revoked,
          // or another attempt through it may have connected first.
          LinkState linkState = link.stateAt(claim.claimedAt());
          if (linkState != LinkState.USABLE) {
            attempt.finish("link_" + linkState.label(), now);
            return ConnectResult.refused(ConnectOutcome.forLink(linkState), claim.tenantName());
          }
          FreeAgentConnection connection = lockedConnection(tenantId, now);
          String previousCompany = describe(connection.companyName(), connection.companyId());
          TokenGrant grant =
              new TokenGrant(
                  cipher.encrypt(tenantId, "access_token", tokens.accessToken()),
                  received.plus(tokens.accessTokenLifetime()),
                  cipher.encrypt(tenantId, "refresh_token", tokens.refreshToken()),
                  tokens.refreshTokenLifetime() == null
                      ? null
                      : received.plus(tokens.refreshTokenLifetime()));
          Instant nextRefresh =
              schedule.nextRefreshAfterSuccess(received, tokens.accessTokenLifetime());
          // connect() bumps token_version: a refresh of the old pair in flight elsewhere fails
          // its fencing check instead of overwriting this grant.
          boolean companyChanged = connection.connect(grant, company, nextRefresh, now);
          link.consume(claim.claimedAt());
          attempt.finish(AuthorizationAttempt.CONNECTED, now);
          String newCompany = describe(company.companyName(), company.companyId());
          String detail =
              companyChanged
                  ? "Reconnected to a different FreeAgent company (was "
                      + previousCompany
                      + ", now "
                      + newCompany
                      + ")"
                  : "Connected to FreeAgent company " + newCompany;
          audit.record(
              tenantId,
              RefreshTrigger.CONNECT,
              AuditTrail.SUCCESS,
              200,
              exchangeDuration,
              ConnectionStatus.CONNECTED,
              detail);
          if (companyChanged) {
            LOG.warning(() -> "Tenant " + tenantId + ": " + detail);
          } else {
            LOG.info(() -> "Tenant " + tenantId + ": " + detail);
          }
          return new ConnectResult(
              ConnectOutcome.CONNECTED, claim.tenantName(), company.companyName(), companyChanged);
        });
  }

  /** A provider call failed: record it on the attempt and in the audit trail, store nothing. */
  private ConnectResult failed(
      Claim claim, RuntimeException failure, Duration duration, boolean atTokenEndpoint) {
    ConnectOutcome outcome = ConnectOutcome.forProviderFailure(failure);
    String code = ConnectOutcome.codeOf(failure);
    Integer httpStatus = failure instanceof ProviderException p ? p.httpStatus() : null;
    if (failure instanceof ClientCredentialsRejectedException) {
      LOG.severe(
          () ->
              "ALARM: FreeAgent rejected Token Warden's client credentials (HTTP 401) while"
                  + " connecting tenant "
                  + claim.tenantId()
                  + ". No tenant can connect or refresh until tokenwarden.freeagent.client-id"
                  + " and tokenwarden.freeagent.client-secret are fixed.");
    } else if (outcome == ConnectOutcome.PROVIDER_UNAVAILABLE && "unexpected_error".equals(code)) {
      LOG.log(
          Level.SEVERE,
          "Connecting tenant "
              + claim.tenantId()
              + " failed unexpectedly: "
              + failure.getClass().getName());
    } else {
      LOG.warning(
          () ->
              "Connecting tenant "
                  + claim.tenantId()
                  + " failed at "
                  + (atTokenEndpoint ? "the code exchange" : "the company lookup")
                  + ": "
                  + code
                  + (httpStatus == null ? "" : " (HTTP " + httpStatus + ")"));
    }
    return finishRefused(claim, outcome, code, httpStatus, duration);
  }

  private ConnectResult finishRefused(
      Claim claim, ConnectOutcome outcome, String code, Integer httpStatus, Duration duration) {
    scope.asTenant(
        claim.tenantId(),
        () -> {
          Instant now = clock.instant();
          em.find(AuthorizationAttempt.class, claim.attemptId()).finish(code, now);
          List<FreeAgentConnection> connection = connections();
          audit.record(
              claim.tenantId(),
              RefreshTrigger.CONNECT,
              code,
              httpStatus,
              duration,
              connection.isEmpty() ? ConnectionStatus.PENDING : connection.get(0).status(),
              "Connect attempt failed; nothing was stored ("
                  + outcome.name().toLowerCase(java.util.Locale.ROOT)
                  + ")");
          return null;
        });
    return ConnectResult.refused(outcome, claim.tenantName());
  }

  private FreeAgentConnection lockedConnection(UUID tenantId, Instant now) {
    List<FreeAgentConnection> found =
        em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    if (!found.isEmpty()) {
      return found.get(0);
    }
    FreeAgentConnection created = FreeAgentConnection.pending(tenantId, now);
    em.persist(created);
    return created;
  }

  private List<FreeAgentConnection> connections() {
    return em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
        .getResultList();
  }

  /** Cross-tenant by design: a link token names no tenant; its hash is unique. Root scope only. */
  private Optional<OnboardingLink> linkByToken(String linkToken) {
    if (!isWellFormed(linkToken)) {
      return Optional.empty();
    }
    return em.createQuery(
            "select l from OnboardingLink l where l.tokenHash = :hash", OnboardingLink.class)
        .setParameter("hash", SecretHash.of(linkToken))
        .getResultStream()
        .findFirst();
  }

  private String tenantName(UUID tenantId) {
    Tenant tenant = em.find(Tenant.class, tenantId);
    return tenant == null ? null : tenant.displayName();
  }

  private URI approveUrl(String state) {
    String base = settings.authorizeUrl().toString();
    return URI.create(
        base
            + (base.contains("?") ? "&" : "?")
            + "client_id="
            + encode(settings.clientId())
            + "&response_type=code&redirect_uri="
            + encode(settings.redirectUri())
            + "&state="
            + encode(state));
  }

  private static String describe(String name, String id) {
    if (id == null) {
      return "none";
    }
    return name == null ? id : name + " [" + id + "]";
  }

  /** Our secrets are 43 URL-safe characters; anything else is not worth a database lookup. */
  static boolean isWellFormed(String secret) {
    return secret != null && SECRET_FORM.matcher(secret).matches();
  }

  private static boolean isPlausible(String state) {
    return isWellFormed(state);
  }

  /** An OAuth error code is a short token; keep only its safe characters for the log. */
  private static String sanitised(String error) {
    String kept = error.replaceAll("[^A-Za-z0-9_.-]", "");
    return kept.length() <= 40 ? kept : kept.substring(0, 40);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The outcome of checking a callback; an accepted one names the attempt it claimed. */
  private record Claim(
      ConnectOutcome refusal,
      UUID attemptId,
      UUID tenantId,
      UUID linkId,
      String tenantName,
      Instant claimedAt) {

    static Claim refused(ConnectOutcome refusal, String tenantName) {
      return new Claim(refusal, null, null, null, tenantName, null);
    }
  }
}
