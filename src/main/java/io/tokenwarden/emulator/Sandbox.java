package io.tokenwarden.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The emulated provider's whole state and rules, free of HTTP: users, codes, grants, tokens, limits
 * and counters. Maps are concurrent and every grant and user has its own lock, so requests for
 * different users never wait for each other; expired and spent entries are dropped on access and by
 * {@link #sweep()}, so memory follows the live grants, not the traffic. A reset replaces the whole
 * object.
 */
public final class Sandbox {

  private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());

  /** A user may hold this many live grants; authorising once more revokes the oldest. */
  static final int MAX_GRANTS_PER_USER = 50;

  /** Approval pages open at once; beyond this the oldest expired ones are swept first. */
  static final int MAX_PENDING_APPROVALS = 10_000;

  private static final Duration APPROVAL_LIFETIME = Duration.ofMinutes(15);

  private final Clock clock;
  private final RegisteredClient client;
  private final SandboxDirectory directory;
  private final OpaqueTokens tokens = new OpaqueTokens();
  private volatile EmulatorSettings settings;

  private final ConcurrentHashMap<String, PendingApproval> approvals = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Set<Grant>> grantsByUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, UserActivity> activity = new ConcurrentHashMap<>();
  private final CounterSet total = new CounterSet();
  private final FixedWindowLimit globalRefreshMinute = new FixedWindowLimit(60);
  private final AtomicLong nextGrantId = new AtomicLong(1);

  private final TokenIndex index =
      new TokenIndex() {
        @Override
        public void register(String refreshToken, Grant grant) {
          refreshTokens.put(refreshToken, grant);
        }

        @Override
        public void forget(String refreshToken) {
          refreshTokens.remove(refreshToken);
        }
      };

  public Sandbox(
      Clock clock, EmulatorSettings settings, RegisteredClient client, SandboxDirectory directory) {
    this.clock = clock;
    this.settings = settings;
    this.client = client;
    this.directory = directory;
  }

  public EmulatorSettings settings() {
    return settings;
  }

  public void configure(EmulatorSettings newSettings) {
    this.settings = newSettings;
    LOG.info(() -> "Emulator reconfigured: rotation " + newSettings.rotationMode());
  }

  public RegisteredClient client() {
    return client;
  }

  SandboxDirectory directory() {
    return directory;
  }

  Instant now() {
    return clock.instant();
  }

  // ---- approve_app -------------------------------------------------------------------------

  /** Keeps a validated authorization request for the approval page; returns its id. */
  String openApproval(String redirectUri, String state) {
    Instant now = now();
    if (approvals.size() >= MAX_PENDING_APPROVALS) {
      approvals.values().removeIf(a -> a.isExpired(now));
      if (approvals.size() >= MAX_PENDING_APPROVALS) {
        throw new IllegalStateException("too many approval pages open at once");
      }
    }
    String id = tokens.next();
    approvals.put(
        id, new PendingApproval(client.id(), redirectUri, state, now.plus(APPROVAL_LIFETIME)));
    return id;
  }

  /** Takes the approval request back (once); empty when unknown or expired. */
  Optional<PendingApproval> takeApproval(String id) {
    PendingApproval approval = id == null ? null : approvals.remove(id);
    if (approval == null || approval.isExpired(now())) {
      return Optional.empty();
    }
    return Optional.of(approval);
  }

  /** The user approved: a fresh code bound to the client and redirect URI. */
  String issueCode(PendingApproval approval, SandboxUser user) {
    String code = tokens.next();
    codes.put(
        code,
        new AuthorizationCode(
            approval.clientId(),
            approval.redirectUri(),
            user.id(),
            now().plusSeconds(settings.codeLifetimeSeconds())));
    LOG.info(() -> "Emulator: user " + user.email() + " approved client " + approval.clientId());
    return code;
  }

  // ---- token endpoint ----------------------------------------------------------------------

  /** The user a code, refresh or access token belongs to, without touching it (fault targeting). */
  Long userOfCode(String code) {
    AuthorizationCode found = code == null ? null : codes.get(code);
    return found == null ? null : found.userId();
  }

  Long userOfRefreshToken(String refreshToken) {
    Grant grant = refreshToken == null ? null : refreshTokens.get(refreshToken);
    return grant == null ? null : grant.userId();
  }

  Long userOfAccessToken(String accessToken) {
    AccessToken token = accessToken == null ? null : accessTokens.get(accessToken);
    return token == null ? null : token.userId();
  }

  /** The authorization_code grant for an authenticated client. */
  TokenOutcome exchangeCode(String clientId, String code, String redirectUri) {
    Instant now = now();
    AuthorizationCode found = codes.get(code);
    if (found == null) {
      return invalidGrant(null, "The authorization code is not valid.");
    }
    if (found.isExpired(now)) {
      codes.remove(code);
      return invalidGrant(found.userId(), "The authorization code has expired.");
    }
    if (!found.clientId().equals(clientId) || !found.redirectUri().equals(redirectUri)) {
      return invalidGrant(
          found.userId(), "The authorization code was issued to another client or redirect URI.");
    }
    if (!found.markUsed()) {
      Grant issued = found.issuedGrant();
      if (issued != null) {
        issued.revoke();
        count(found.userId(), Counter.REUSE_REVOCATIONS);
      }
      return invalidGrant(found.userId(), "The authorization code has already been used.");
    }
    Optional<SandboxUser> user = directory.user(found.userId());
    if (user.isEmpty()) {
      return invalidGrant(found.userId(), "The user no longer exists.");
    }
    TokenIssue issue = newGrant(user.get(), found::recordGrant);
    count(found.userId(), Counter.CODE_EXCHANGES);
    return new TokenOutcome.Issued(issue);
  }

  /** The refresh_token grant, with the limits and the rotation mode in force. */
  TokenOutcome refresh(String refreshToken) {
    EmulatorSettings current = settings;
    Instant now = now();
    Grant grant = refreshTokens.get(refreshToken);
    if (grant == null) {
      return invalidGrant(null, "The refresh token is not valid.");
    }
    long userId = grant.userId();
    count(userId, Counter.REFRESH_CALLS);
    RateDecision limit = acquireRefresh(userId, current, now);
    if (!limit.allowed()) {
      count(userId, Counter.REFRESH_RATE_LIMITED);
      LOG.fine(() -> "Emulator: refresh limit hit for user " + userId);
      return new TokenOutcome.RateLimited(limit);
    }
    RefreshResult result =
        grant.refresh(
            refreshToken,
            current.effectiveRotation(),
            current.graceSeconds(),
            current.refreshTokenLifetimeSeconds(),
            now,
            tokens::next);
    if (result instanceof RefreshResult.Refused refused) {
      if (refused.spentReuse()) {
        count(userId, Counter.SPENT_TOKEN_REUSES);
        LOG.warning(() -> "Emulator: user " + userId + " presented a spent refresh token");
      }
      if (refused.grantRevoked()) {
        count(userId, Counter.REUSE_REVOCATIONS);
      }
      return invalidGrant(userId, refused.description());
    }
    RefreshResult.Renewed renewed = (RefreshResult.Renewed) result;
    count(userId, Counter.REFRESH_SUCCESSES);
    String access = issueAccessToken(grant, current, now);
    return new TokenOutcome.Issued(
        new TokenIssue(
            access,
            current.accessTokenLifetimeSeconds(),
            current.omitRefreshTokenOnRefresh() ? null : renewed.refreshToken(),
            refreshExpiresIn(current, now, renewed.refreshExpiresAt(), true)));
  }

  private RateDecision acquireRefresh(long userId, EmulatorSettings current, Instant now) {
    UserActivity user = activity(userId);
    int limit = current.refreshLimitPerMinute();
    if (!current.globalRefreshLimit()) {
      return user.acquireRefresh(now, limit);
    }
    // The 2020 incident: one window shared by every user. The lock is global only in this mode.
    synchronized (globalRefreshMinute) {
      RateDecision global = globalRefreshMinute.check(now, limit);
      if (!global.allowed()) {
        return global;
      }
      RateDecision own = user.acquireRefresh(now, limit);
      if (own.allowed()) {
        globalRefreshMinute.consume(now);
      }
      return own;
    }
  }

  // ---- API ---------------------------------------------------------------------------------

  /** Checks a bearer token and the user's API limits for one call. */
  ApiAccess callApi(String accessToken) {
    EmulatorSettings current = settings;
    Instant now = now();
    AccessToken token = accessToken == null ? null : accessTokens.get(accessToken);
    if (token == null) {
      return new ApiAccess.Unauthorized("Access token not recognised");
    }
    if (token.isExpired(now)) {
      accessTokens.remove(accessToken);
      return new ApiAccess.Unauthorized("Access token expired");
    }
    if (!token.isValid(now)) {
      return new ApiAccess.Unauthorized("Access token revoked");
    }
    long userId = token.userId();
    Optional<SandboxUser> user = directory.user(userId);
    if (user.isEmpty()) {
      return new ApiAccess.Unauthorized("User not found");
    }
    count(userId, Counter.API_CALLS);
    RateDecision limit =
        activity(userId)
            .acquireApiCall(now, current.apiLimitPerMinute(), current.apiLimitPerHour());
    if (!limit.allowed()) {
      count(userId, Counter.API_RATE_LIMITED);
      return new ApiAccess.RateLimited(limit);
    }
    return new ApiAccess.Granted(user.get());
  }

  // ---- control -----------------------------------------------------------------------------

  /** A grant made without the browser flow, for benchmarks and the application's ITs. */
  Optional<TokenIssue> mintGrant(long userId) {
    return directory.user(userId).map(user -> newGrant(user, grant -> {}));
  }

  /** Revokes every grant of the user: all their refresh and access tokens die. */
  int revokeGrants(long userId) {
    Set<Grant> grants = grantsByUser.remove(userId);
    if (grants == null) {
      return 0;
    }
    Instant now = now();
    int live = 0;
    for (Grant grant : grants) {
      if (grant.isAlive(now)) {
        live++;
      }
      grant.revoke();
    }
    final int revoked = live;
    LOG.info(() -> "Emulator: revoked " + revoked + " grant(s) of user " + userId);
    return live;
  }

  /** Lets every access token of the user expire now; returns how many were valid. */
  int expireAccessTokens(long userId) {
    Instant now = now();
    int expired = 0;
    for (AccessToken token : accessTokens.values()) {
      if (token.userId() == userId && token.isValid(now)) {
        token.expireNow(now);
        expired++;
      }
    }
    return expired;
  }

  /** Lets the current refresh token of every grant of the user expire now. */
  int expireRefreshTokens(long userId) {
    Instant now = now();
    int expired = 0;
    for (Grant grant : grantsByUser.getOrDefault(userId, Set.of())) {
      if (grant.isAlive(now)) {
        grant.expireRefreshTokenNow(now);
        expired++;
      }
    }
    return expired;
  }

  Map<Counter, Long> totalCounters() {
    return total.snapshot();
  }

  Optional<Map<Counter, Long>> userCounters(long userId) {
    if (directory.user(userId).isEmpty()) {
      return Optional.empty();
    }
    UserActivity user = activity.get(userId);
    return Optional.of(user == null ? new CounterSet().snapshot() : user.counters.snapshot());
  }

  /** Users with any counted activity or grant, in id order. */
  java.util.List<Long> activeUserIds() {
    java.util.TreeSet<Long> ids = new java.util.TreeSet<>(activity.keySet());
    ids.addAll(grantsByUser.keySet());
    return java.util.List.copyOf(ids);
  }

  int liveGrants(long userId) {
    Instant now = now();
    return (int)
        grantsByUser.getOrDefault(userId, Set.of()).stream().filter(g -> g.isAlive(now)).count();
  }

  int liveGrants() {
    Instant now = now();
    return grantsByUser.values().stream()
        .mapToInt(set -> (int) set.stream().filter(g -> g.isAlive(now)).count())
        .sum();
  }

  /** Drops everything that can no longer be used; returns how many entries went. */
  public int sweep() {
    Instant now = now();
    int before = approvals.size() + codes.size() + accessTokens.size() + refreshTokens.size();
    approvals.values().removeIf(approval -> approval.isExpired(now));
    codes.values().removeIf(code -> code.isExpired(now));
    accessTokens.values().removeIf(token -> !token.isValid(now));
    grantsByUser.forEach(
        (userId, grants) ->
            grants.removeIf(
                grant -> {
                  if (grant.isAlive(now)) {
                    return false;
                  }
                  grant.forgetAllTokens();
                  return true;
                }));
    grantsByUser.values().removeIf(Set::isEmpty);
    int after = approvals.size() + codes.size() + accessTokens.size() + refreshTokens.size();
    return before - after;
  }

  /** Sizes of the internal maps, for the control API and the memory-bound tests. */
  Map<String, Integer> sizes() {
    return Map.of(
        "pendingApprovals", approvals.size(),
        "codes", codes.size(),
        "refreshTokens", refreshTokens.size(),
        "accessTokens", accessTokens.size(),
        "users", directory.userCount());
  }

  // ---- internals ---------------------------------------------------------------------------

  private TokenIssue newGrant(SandboxUser user, java.util.function.Consumer<Grant> onCreated) {
    EmulatorSettings current = settings;
    Instant now = now();
    Instant refreshExpiresAt = now.plusSeconds(current.refreshTokenLifetimeSeconds());
    String refreshToken = tokens.next();
    Grant grant =
        new Grant(
            nextGrantId.getAndIncrement(),
            user.id(),
            client.id(),
            refreshToken,
            refreshExpiresAt,
            index);
    onCreated.accept(grant);
    Set<Grant> grants =
        grantsByUser.computeIfAbsent(user.id(), id -> ConcurrentHashMap.newKeySet());
    grants.add(grant);
    if (grants.size() > MAX_GRANTS_PER_USER) {
      grants.stream()
          .min(Comparator.comparingLong(Grant::id))
          .ifPresent(
              oldest -> {
                oldest.revoke();
                grants.remove(oldest);
              });
    }
    String access = issueAccessToken(grant, current, now);
    return new TokenIssue(
        access,
        current.accessTokenLifetimeSeconds(),
        refreshToken,
        refreshExpiresIn(current, now, refreshExpiresAt, false));
  }

  private String issueAccessToken(Grant grant, EmulatorSettings current, Instant now) {
    String access = tokens.next();
    accessTokens.put(
        access, new AccessToken(grant, now.plusSeconds(current.accessTokenLifetimeSeconds())));
    return access;
  }

  private static Long refreshExpiresIn(
      EmulatorSettings current, Instant now, Instant expiresAt, boolean onRefresh) {
    if (current.omitRefreshTokenExpiresIn() || (onRefresh && current.omitRefreshTokenOnRefresh())) {
      return null;
    }
    return Math.max(0, Duration.between(now, expiresAt).toSeconds());
  }

  private TokenOutcome invalidGrant(Long userId, String description) {
    count(userId, Counter.INVALID_GRANTS);
    return new TokenOutcome.InvalidGrant(description);
  }

  void count(Long userId, Counter counter) {
    total.increment(counter);
    if (userId != null) {
      activity(userId).counters.increment(counter);
    }
  }

  private UserActivity activity(long userId) {
    return activity.computeIfAbsent(userId, id -> new UserActivity());
  }
}
