package io.tokenwarden.application.onboarding;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.application.refresh.ProviderStateStore;
import io.tokenwarden.application.refresh.TokenSealer;
import io.tokenwarden.application.webhooks.WebhookEvents;
import io.tokenwarden.domain.AuthorizationAttempt;
import io.tokenwarden.domain.CallbackVerdict;
import io.tokenwarden.domain.CompanyFacts;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.LinkState;
import io.tokenwarden.domain.OnboardingLink;
import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.freeagent.FreeAgentApiClient;
import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import io.tokenwarden.infrastructure.freeagent.ProviderFailure;
import io.tokenwarden.infrastructure.freeagent.TokenResponse;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.OnboardingLinks;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
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

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(ConnectService.class.getName());

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject FreeAgentSettings settings;

  @Inject PublicUrl publicUrl;

  @Inject FreeAgentOAuthClient oauth;

  @Inject FreeAgentApiClient api;

  @Inject TokenSealer sealer;

  @Inject OnboardingLinks links;

  @Inject Tenants tenants;

  @Inject FreeAgentConnections connections;

  @Inject RefreshSchedulePolicy schedule;

  @Inject AuditTrail audit;

  @Inject WebhookEvents webhooks;

  @Inject ProviderStateStore providerState;

  @Inject OnboardingJournal journal;

  /** How long the callback may take after Connect: FreeAgent's authorization code lives 15 min. */
  @Inject
  @ConfigProperty(name = "tokenwarden.onboarding.attempt-ttl", defaultValue = "PT15M")
  Duration attemptLifetime;

  /**
   * What the landing page of {@code linkToken} shows. Changes neither the link nor the connection;
   * the visit is noted for the operator ({@link OnboardingJournal}).
   */
  public LinkLanding open(String linkToken) {
    Instant now = clock.instant();
    return scope.asRoot(
        () -> {
          var link = links.byToken(linkToken);
          if (link.isEmpty()) {
            return new LinkLanding(ConnectOutcome.LINK_UNKNOWN, null, null, null, now);
          }
          UUID tenantId = link.get().tenantId();
          LinkState state = link.get().stateAt(now);
          if (state == LinkState.USABLE) {
            journal.record(tenantId, "link_opened", "The tenant opened the onboarding link", now);
          } else {
            journal.record(
                tenantId,
                "link_" + state.label(),
                "The tenant opened a link that is " + state.label(),
                now);
          }
          return new LinkLanding(
              state == LinkState.USABLE ? null : ConnectOutcome.forLink(state),
              tenantName(tenantId),
              link.get().purpose(),
              link.get().expiresAt(),
              now);
        });
  }

  /**
   * The tenant pressed Connect: a new attempt with a fresh {@code state}.
   *
   * @param browserBinding the binding cookie the browser already carries (reused, so two tabs can
   *     both finish), or null
   */
  public ConnectStart start(String linkToken, String browserBinding) {
    return begin(() -> links.byToken(linkToken), browserBinding, ConnectOutcome.LINK_UNKNOWN);
  }

  /**
   * "Try again" on a tenant's error page: a new attempt through the link of this browser's newest
   * attempt, so a tenant who pressed Deny by mistake need not find the link again. The page holds
   * no link token or state; the browser-binding cookie alone (HttpOnly, SameSite=Lax, 15 minutes)
   * names the attempt.
   */
  public ConnectStart startAgain(String browserBinding) {
    if (!SecretHash.isWellFormed(browserBinding)) {
      return ConnectStart.refused(ConnectOutcome.NOTHING_TO_RETRY);
    }
    String bindingHash = SecretHash.of(browserBinding);
    return begin(
        () ->
            links
                .newestAttemptOfBrowser(bindingHash)
                .flatMap(attempt -> links.byId(attempt.linkId(), false)),
        browserBinding,
        ConnectOutcome.NOTHING_TO_RETRY);
  }

  private ConnectStart begin(
      Supplier<Optional<OnboardingLink>> findLink,
      String browserBinding,
      ConnectOutcome whenNoLink) {
    Instant now = clock.instant();
    String state = SecretHash.newSecret();
    String binding =
        SecretHash.isWellFormed(browserBinding) ? browserBinding : SecretHash.newSecret();
    ConnectOutcome refusal =
        scope.asRoot(
            () -> {
              var link = findLink.get();
              if (link.isEmpty()) {
                return whenNoLink;
              }
              UUID tenantId = link.get().tenantId();
              LinkState linkState = link.get().stateAt(now);
              if (linkState != LinkState.USABLE) {
                journal.record(
                    tenantId,
                    "link_" + linkState.label(),
                    "The tenant pressed Connect on a link that is " + linkState.label(),
                    now);
                return ConnectOutcome.forLink(linkState);
              }
              // Root context keeps the attempt's explicit tenant id (the link's tenant).
              links.add(
                  AuthorizationAttempt.start(
                      link.get(),
                      SecretHash.of(state),
                      SecretHash.of(binding),
                      now,
                      attemptLifetime));
              journal.record(
                  tenantId,
                  "connect_pressed",
                  "The tenant pressed Connect and was sent to FreeAgent",
                  now);
              return null;
            });
    if (refusal != null) {
      return ConnectStart.refused(refusal);
    }
    return new ConnectStart(settings.approveUrl(state), binding, null);
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
    if (!SecretHash.isWellFormed(state)) {
      return ConnectResult.refused(ConnectOutcome.ATTEMPT_INVALID, null); // not worth a lookup
    }
    String bindingHash =
        SecretHash.isWellFormed(browserBinding) ? SecretHash.of(browserBinding) : null;
    Claim claim = scope.asRoot(() -> claim(state, bindingHash, code, error, clock.instant()));
    if (claim.refusal() == ConnectOutcome.CONNECTED) {
      return connectedAgain(claim);
    }
    if (claim.refusal() != null) {
      return ConnectResult.refused(claim.refusal(), claim.tenantName());
    }

    Instant callStarted = clock.instant();
    TokenResponse tokens;
    try {
      tokens = oauth.exchangeCode(code, publicUrl.callbackUri());
    } catch (RuntimeException e) {
      return failed(claim, e, Duration.between(callStarted, clock.instant()), true);
    }
    Instant received = clock.instant();
    Duration exchangeDuration = Duration.between(callStarted, received);
    if (tokens.refreshToken() == null) {
      return refuseIncomplete(claim, "no_refresh_token", "no refresh token", exchangeDuration);
    }
    if (!tokens.carriesAccessToken()) {
      // The company lookup needs an access token, and a new connection has none to keep.
      return refuseIncomplete(claim, "no_access_token", "no usable access token", exchangeDuration);
    }
    if (tokens.isIrregular()) {
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(claim.tenantId())
                  + ": "
                  + tokens.irregularityNote()
                  + " The code exchange's tokens are used anyway.");
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
   * Lets the attempt decide the callback and, when it is accepted, keeps what the exchange needs.
   * The attempt's row lock serialises two callbacks carrying the same state.
   */
  private Claim claim(String state, String bindingHash, String code, String error, Instant now) {
    AuthorizationAttempt attempt = links.attemptByStateForUpdate(state).orElse(null);
    if (attempt == null) {
      return Claim.refused(ConnectOutcome.ATTEMPT_INVALID, null);
    }
    if (attempt.finishedFor(bindingHash)) {
      // The same browser reloads (or goes back to) the page this attempt ended on: say it again.
      return new Claim(
          ConnectOutcome.forAttemptOutcome(attempt.outcome()),
          null,
          attempt.tenantId(),
          null,
          tenantName(attempt.tenantId()),
          now);
    }
    OnboardingLink link = links.byId(attempt.linkId(), false).orElseThrow();
    CallbackVerdict verdict = attempt.checkCallback(bindingHash, link, code, error, now);
    if (verdict == CallbackVerdict.INVALID) {
      // Another browser, or a replay: say nothing about which, not even the tenant's name.
      return Claim.refused(ConnectOutcome.ATTEMPT_INVALID, null);
    }
    String tenantName = tenantName(attempt.tenantId());
    if (verdict == CallbackVerdict.PROVIDER_ERROR) {
      LOG.warning(
          () ->
              "FreeAgent returned an OAuth error other than access_denied for tenant "
                  + labels.of(attempt.tenantId())
                  + " (error parameter "
                  + sanitised(error)
                  + ")");
    }
    if (verdict != CallbackVerdict.ACCEPTED) {
      journal.record(
          attempt.tenantId(),
          attempt.outcome(),
          OnboardingJournal.refusalDetail(attempt.outcome()),
          now);
      return Claim.refused(ConnectOutcome.forCallback(verdict), tenantName);
    }
    return new Claim(null, attempt.id(), attempt.tenantId(), link.id(), tenantName, now);
  }

  /**
   * Stores the new connection, spends the link, audits it and writes its webhook event, all in one
   * unit of work.
   */
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
          OnboardingLink link = links.byId(claim.linkId(), true).orElseThrow();
          AuthorizationAttempt attempt = links.attemptById(claim.attemptId()).orElseThrow();
          // The link was usable when the callback was accepted; it may since have been revoked,
          // or another attempt through it may have connected first.
          LinkState linkState = link.stateAt(claim.claimedAt());
          if (linkState != LinkState.USABLE) {
            attempt.finishBecauseLinkIs(linkState, now);
            journal.record(
                tenantId,
                attempt.outcome(),
                OnboardingJournal.refusalDetail(attempt.outcome()),
                now);
            return ConnectResult.refused(ConnectOutcome.forLink(linkState), claim.tenantName());
          }
          FreeAgentConnection connection = lockedConnection(tenantId, now);
          String previousCompany = describe(connection.companyName(), connection.companyId());
          boolean reconnect = connection.companyId() != null;
          Instant nextRefresh =
              schedule.nextRefreshAfterSuccess(received, tokens.accessTokenLifetime());
          // connect() bumps token_version: a refresh of the old pair in flight elsewhere fails
          // its fencing check instead of overwriting this grant.
          boolean companyChanged =
              connection.connect(
                  sealer.seal(tenantId, tokens, received), company, nextRefresh, now);
          link.consume(claim.claimedAt());
          attempt.finish(AuthorizationAttempt.CONNECTED, now);
          journal.noteOnly(tenantId, OnboardingJournal.CONNECTED, now);
          String newCompany = describe(company.companyName(), company.companyId());
          String detail =
              companyChanged
                  ? "Reconnected to a different FreeAgent company (was "
                      + previousCompany
                      + ", now "
                      + newCompany
                      + ")"
                  : "Connected to FreeAgent company " + newCompany;
          String audited =
              tokens.isIrregular() ? detail + ". " + tokens.irregularityNote() : detail;
          audit.record(
              tenantId,
              RefreshTrigger.CONNECT,
              AuditTrail.SUCCESS,
              200,
              exchangeDuration,
              ConnectionStatus.CONNECTED,
              audited);
          webhooks.connected(tenantId, reconnect, companyChanged);
          if (companyChanged) {
            LOG.warning(() -> "Tenant " + labels.of(tenantId) + ": " + detail);
          } else {
            LOG.info(() -> "Tenant " + labels.of(tenantId) + ": " + detail);
          }
          return new ConnectResult(
              ConnectOutcome.CONNECTED, claim.tenantName(), company.companyName(), companyChanged);
        });
  }

  /** The code exchange answered 200 without a token a connection needs: store nothing. */
  private ConnectResult refuseIncomplete(
      Claim claim, String code, String missing, Duration exchangeDuration) {
    LOG.warning(
        () ->
            "FreeAgent's code exchange for tenant "
                + labels.of(claim.tenantId())
                + " returned "
                + missing
                + "; nothing was stored");
    return finishRefused(claim, ConnectOutcome.PROVIDER_UNAVAILABLE, code, 200, exchangeDuration);
  }

  /** A provider call failed: record it on the attempt and in the audit trail, store nothing. */
  private ConnectResult failed(
      Claim claim, RuntimeException thrown, Duration duration, boolean atTokenEndpoint) {
    ProviderFailure failure = ProviderFailure.of(thrown);
    ConnectOutcome outcome = ConnectOutcome.forProviderFailure(failure, atTokenEndpoint);
    if (outcome == ConnectOutcome.SERVICE_MISCONFIGURED) {
      // The same cluster-wide alarm the refresh engine raises: the console shows its banner.
      providerState.raiseCredentialAlarm();
      LOG.warning(
          () ->
              "Connecting tenant "
                  + labels.of(claim.tenantId())
                  + " failed: client credentials rejected");
    } else if (failure.isUnexpected()) {
      // The class only: an unknown exception's message might quote the request.
      LOG.severe(
          () ->
              "Connecting tenant "
                  + labels.of(claim.tenantId())
                  + " failed unexpectedly: "
                  + thrown.getClass().getName());
    } else {
      LOG.warning(
          () ->
              "Connecting tenant "
                  + labels.of(claim.tenantId())
                  + " failed at "
                  + (atTokenEndpoint ? "the code exchange" : "the company lookup")
                  + ": "
                  + failure.code()
                  + (failure.httpStatus() == null ? "" : " (HTTP " + failure.httpStatus() + ")"));
    }
    return finishRefused(claim, outcome, failure.code(), failure.httpStatus(), duration);
  }

  private ConnectResult finishRefused(
      Claim claim, ConnectOutcome outcome, String code, Integer httpStatus, Duration duration) {
    scope.asTenant(
        claim.tenantId(),
        () -> {
          Instant now = clock.instant();
          links.attemptById(claim.attemptId()).orElseThrow().finish(code, now);
          journal.noteOnly(claim.tenantId(), code, now);
          audit.record(
              claim.tenantId(),
              RefreshTrigger.CONNECT,
              code,
              httpStatus,
              duration,
              connections
                  .current()
                  .map(FreeAgentConnection::status)
                  .orElse(ConnectionStatus.PENDING),
              "Connecting failed at FreeAgent ("
                  + code
                  + "); nothing was stored and the link still works");
          return null;
        });
    return ConnectResult.refused(outcome, claim.tenantName());
  }

  /**
   * The success page again, for the browser whose attempt connected (a reload): only while the
   * connection that attempt stored is still in place, else the link's "already used" page.
   */
  private ConnectResult connectedAgain(Claim claim) {
    FreeAgentConnection connection =
        scope.asTenant(claim.tenantId(), () -> connections.current().orElse(null));
    if (connection == null
        || connection.status() == ConnectionStatus.PENDING
        || connection.status() == ConnectionStatus.DISCONNECTED) {
      return ConnectResult.refused(ConnectOutcome.LINK_USED, claim.tenantName());
    }
    return new ConnectResult(
        ConnectOutcome.CONNECTED, claim.tenantName(), connection.companyName(), false);
  }

  private FreeAgentConnection lockedConnection(UUID tenantId, Instant now) {
    return connections
        .currentForUpdate()
        .orElseGet(
            () -> {
              FreeAgentConnection created = FreeAgentConnection.pending(tenantId, now);
              connections.add(created);
              return created;
            });
  }

  private String tenantName(UUID tenantId) {
    return tenants.byId(tenantId).map(t -> t.displayName()).orElse(null);
  }

  private static String describe(String name, String id) {
    if (id == null) {
      return "none";
    }
    return name == null ? id : name + " [" + id + "]";
  }

  /** An OAuth error code is a short token; keep only its safe characters for the log. */
  private static String sanitised(String error) {
    String kept = error.replaceAll("[^A-Za-z0-9_.-]", "");
    return kept.length() <= 40 ? kept : kept.substring(0, 40);
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
