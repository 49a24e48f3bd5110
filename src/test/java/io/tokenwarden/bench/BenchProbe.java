package io.tokenwarden.bench;

import io.tokenwarden.application.admin.CapacityOverview;
import io.tokenwarden.application.admin.CapacityReport;
import io.tokenwarden.application.admin.TenantOverview;
import io.tokenwarden.application.admin.TenantQuery;
import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.application.handout.AccessTokenCache;
import io.tokenwarden.application.handout.TenantSlugCache;
import io.tokenwarden.application.refresh.ConnectionLeases;
import io.tokenwarden.application.refresh.ProviderStateStore;
import io.tokenwarden.application.refresh.RefreshMetrics;
import io.tokenwarden.application.refresh.RefreshSettings;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.emulator.OpaqueTokens;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Deployed with the benchmarks only ({@code /bench-probe/*}): does inside the server what a bench
 * must not pay for over HTTP (seeding thousands of rows through batch JDBC, minting grants over
 * loopback) and times what only exists in the server (the tick's claim transaction, the console's
 * root-context queries, the refresh yardsticks of {@link RefreshYardsticks}). Answers JSON; the
 * bench prints the tables. Never part of the shipped WAR.
 */
@WebServlet("/bench-probe/*")
public class BenchProbe extends HttpServlet {

  /** MP Fault Tolerance's cap on concurrent refresh calls (README, "Configuration"). */
  private static final String REFRESH_BULKHEAD =
      "io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient/refresh/Bulkhead/value";

  private static final long serialVersionUID = 1L;
  private static final int BATCH = 1000;

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  /** The same kind of threads the refresh workers run on. */
  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  @Inject TokenCipher cipher;

  @Inject FreeAgentSettings freeagent;

  @Inject PublicUrl publicUrl;

  @Inject ApiKeyService apiKeys;

  @Inject ConnectionLeases leases;

  @Inject ProviderStateStore provider;

  @Inject @ConfigProperties RefreshSettings refresh;

  @Inject TenantOverview overview;

  @Inject CapacityOverview capacity;

  @Inject MetricRegistry metrics;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObject answer;
    try {
      answer =
          switch (request.getPathInfo()) {
            case "/environment" -> environment();
            case "/heap" -> heap();
            case "/cache-footprint" ->
                cacheFootprint(Integer.parseInt(request.getParameter("count")));
            case "/seed-connected" ->
                seedConnected(
                    request.getParameter("prefix"),
                    Long.parseLong(request.getParameter("firstUser")),
                    Integer.parseInt(request.getParameter("count")));
            case "/seed-idle" ->
                seedIdle(
                    request.getParameter("prefix"),
                    Integer.parseInt(request.getParameter("count")));
            case "/make-due" ->
                makeDue(
                    request.getParameter("prefix"),
                    Integer.parseInt(request.getParameter("expiresInSeconds")));
            case "/refresh-progress" -> refreshProgress(request.getParameter("prefix"));
            case "/refresh-latency" ->
                refreshLatency(
                    request.getParameter("prefix"), Instant.parse(request.getParameter("dueAt")));
            case "/bare-loop" ->
                yardsticks()
                    .bareLoop(
                        request.getParameter("prefix"),
                        Integer.parseInt(request.getParameter("threads")));
            case "/protocol-floor" ->
                yardsticks()
                    .protocolFloor(
                        request.getParameter("prefix"),
                        Integer.parseInt(request.getParameter("threads")),
                        Integer.parseInt(request.getParameter("batch")));
            case "/claim-timing" ->
                claimTiming(Integer.parseInt(request.getParameter("iterations")));
            case "/capacity-timing" ->
                capacityTiming(Integer.parseInt(request.getParameter("iterations")));
            case "/console-timing" ->
                consoleTiming(Integer.parseInt(request.getParameter("iterations")));
            case "/token-key" ->
                Json.createObjectBuilder()
                    .add("key", apiKeys.issue("bench", ApiKeyKind.TOKEN, null).plainKey())
                    .build();
            default -> null;
          };
    } catch (SQLException e) {
      throw new IOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (answer == null) {
      response.sendError(404);
      return;
    }
    response.setContentType("application/json");
    response.getWriter().write(answer.toString());
  }

  private RefreshYardsticks yardsticks() {
    return new RefreshYardsticks(dataSource, threads, cipher, freeagent, http);
  }

  /**
   * The heap this server keeps live: the least "used" seen over three rounds of {@code System.gc()}
   * (a full collection under G1), so what a collection can free is not counted; with the tenant
   * count, to turn a difference into bytes per tenant.
   */
  private JsonObject heap() throws SQLException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = liveHeap();
    try (Connection db = dataSource.getConnection()) {
      return Json.createObjectBuilder()
          .add("usedBytes", used)
          .add("committedBytes", memory.getHeapMemoryUsage().getCommitted())
          .add("maxBytes", memory.getHeapMemoryUsage().getMax())
          .add("tenants", count(db, "SELECT COUNT(*) FROM tenant"))
          .build();
    }
  }

  /**
   * What the hand-out keeps per tenant asked for, measured on the hand-out's own classes: fresh
   * {@link AccessTokenCache} and {@link TenantSlugCache} filled with {@code count} entries shaped
   * like the real ones (a FreeAgent-like 44-character token, a slug of 18 to 23 characters), the
   * live heap taken before and after. Separate instances, so tenants the server's caches already
   * hold do not hide in the difference.
   */
  private JsonObject cacheFootprint(int count) throws SQLException {
    long before = liveHeap();
    Instant now = Instant.now();
    AccessTokenCache tokens =
        new AccessTokenCache(Duration.ofSeconds(15), Duration.ofMinutes(5), Clock.systemUTC());
    TenantSlugCache slugs =
        new TenantSlugCache(
            Duration.ofSeconds(15), Duration.ofSeconds(5), 2L * count, Clock.systemUTC());
    OpaqueTokens minted = new OpaqueTokens();
    for (int i = 0; i < count; i++) {
      UUID tenantId = UUID.randomUUID();
      slugs.tenantId("bench-tenant-" + i + "-ltd", slug -> Optional.of(tenantId));
      tokens.put(tenantId, 1, minted.next(), now.plus(Duration.ofHours(1)), now);
    }
    long after = liveHeap();
    long tokenEntries = tokens.size();
    long slugEntries = slugs.size();
    Reference.reachabilityFence(tokens);
    Reference.reachabilityFence(slugs);
    return Json.createObjectBuilder()
        .add("count", count)
        .add("tokenEntries", tokenEntries)
        .add("slugEntries", slugEntries)
        .add("bytes", after - before)
        .build();
  }

  /** The least "used" heap over three rounds of {@code System.gc()} (a full collection, G1). */
  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** What the bench ran on: database, tenant count, the refresh settings in force. */
  private JsonObject environment() throws SQLException {
    var config = ConfigProvider.getConfig();
    try (Connection db = dataSource.getConnection()) {
      return Json.createObjectBuilder()
          .add(
              "database",
              db.getMetaData().getDatabaseProductName()
                  + " "
                  + db.getMetaData().getDatabaseProductVersion())
          .add("tenants", count(db, "SELECT COUNT(*) FROM tenant"))
          .add("tick", refresh.tick().toString())
          .add("concurrency", refresh.concurrency())
          .add(
              "maxPerTick",
              config
                  .getOptionalValue("tokenwarden.refresh.max-per-tick", String.class)
                  .orElse("10000"))
          .add(
              "poolMax",
              config.getOptionalValue("tokenwarden.db.pool.max", String.class).orElse("20"))
          .add(
              "handoutCacheTtl",
              config
                  .getOptionalValue("tokenwarden.handout.cache-ttl", String.class)
                  .orElse("PT15S"))
          .add(
              "refreshBulkhead",
              config.getOptionalValue(REFRESH_BULKHEAD, String.class).orElse("16"))
          .add("cores", Runtime.getRuntime().availableProcessors())
          .build();
    }
  }

  /**
   * {@code count} tenants {@code <prefix>-<i>}, each connected to emulator user {@code firstUser +
   * i} through a freshly minted grant, stored encrypted as the connect flow would. Not due for a
   * day, so the scheduler leaves them alone until {@link #makeDue}.
   */
  private JsonObject seedConnected(String prefix, long firstUser, int count)
      throws SQLException, InterruptedException {
    long started = System.nanoTime();
    String[][] grants = new String[count][];
    ExecutorService pool = Executors.newFixedThreadPool(8, this.threads);
    try {
      List<Future<?>> minted = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        minted.add(pool.submit(() -> grants[index] = mint(firstUser + index)));
      }
      for (Future<?> future : minted) {
        future.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Minting grants failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long mintedAt = System.nanoTime();
    Instant now = Instant.now();
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      try (PreparedStatement tenant = db.prepareStatement(INSERT_TENANT);
          PreparedStatement connection = db.prepareStatement(INSERT_CONNECTION)) {
        for (int i = 0; i < count; i++) {
          UUID tenantId = UUID.randomUUID();
          addTenant(tenant, tenantId, prefix + "-" + i, now);
          addConnection(
              connection,
              tenantId,
              cipher.encrypt(tenantId, TokenColumn.ACCESS_TOKEN, grants[i][0]),
              cipher.encrypt(tenantId, TokenColumn.REFRESH_TOKEN, grants[i][1]),
              now,
              now.plusSeconds(Long.parseLong(grants[i][2])),
              now.plus(Duration.ofDays(1)),
              prefix + "-u" + (firstUser + i) + "@sandbox.example");
          if ((i + 1) % BATCH == 0 || i == count - 1) {
            tenant.executeBatch();
            connection.executeBatch();
            db.commit();
          }
        }
      }
    }
    analyze();
    return Json.createObjectBuilder()
        .add("seeded", count)
        .add("mintMillis", (mintedAt - started) / 1_000_000)
        .add("insertMillis", (System.nanoTime() - mintedAt) / 1_000_000)
        .build();
  }

  /** access token, refresh token, access lifetime in seconds */
  private String[] mint(long userId) {
    JsonObject grant =
        send(
            HttpRequest.newBuilder(
                    URI.create(publicUrl.base() + "/emulator/control/users/" + userId + "/grants"))
                .header("X-Emulator-Secret", controlSecret())
                .POST(HttpRequest.BodyPublishers.noBody()));
    return new String[] {
      grant.getString("access_token"),
      grant.getString("refresh_token"),
      String.valueOf(grant.getJsonNumber("expires_in").longValue())
    };
  }

  private static String controlSecret() {
    return ConfigProvider.getConfig().getValue("tokenwarden.emulator.control-secret", String.class);
  }

  /**
   * {@code count} connected tenants that nothing will touch for a month: dummy ciphertext (never
   * decrypted), next refresh in 30 days. They exist to make the tables big.
   */
  private JsonObject seedIdle(String prefix, int count) throws SQLException {
    long started = System.nanoTime();
    Instant now = Instant.now();
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      try (PreparedStatement tenant = db.prepareStatement(INSERT_TENANT);
          PreparedStatement connection = db.prepareStatement(INSERT_CONNECTION)) {
        for (int i = 0; i < count; i++) {
          UUID tenantId = UUID.randomUUID();
          addTenant(tenant, tenantId, prefix + "-" + i, now);
          addConnection(
              connection,
              tenantId,
              "bench-dummy-ciphertext",
              "bench-dummy-ciphertext",
              now,
              now.plus(Duration.ofDays(31)).plusSeconds(i % 86_400),
              now.plus(Duration.ofDays(30)).plusSeconds(i % 86_400),
              prefix + "-u" + i + "@sandbox.example");
          if ((i + 1) % BATCH == 0 || i == count - 1) {
            tenant.executeBatch();
            connection.executeBatch();
            db.commit();
          }
        }
      }
      db.commit();
      db.setAutoCommit(true);
      analyze();
      return Json.createObjectBuilder()
          .add("seeded", count)
          .add("millis", (System.nanoTime() - started) / 1_000_000)
          .add("tenants", count(db, "SELECT COUNT(*) FROM tenant"))
          .build();
    }
  }

  /**
   * Fresh planner statistics after a bulk load, as a database that grew to this size over time
   * would have (autovacuum on PostgreSQL, auto-analyze on H2). Without them PostgreSQL believes the
   * table holds a few hundred rows and picks the status index for the claim query.
   */
  private void analyze() throws SQLException {
    try (Connection db = dataSource.getConnection();
        var statement = db.createStatement()) {
      statement.execute("ANALYZE");
    }
  }

  private static final String INSERT_TENANT =
      "INSERT INTO tenant (id, slug, display_name, created_at) VALUES (?, ?, ?, ?)";

  private static final String INSERT_CONNECTION =
      "INSERT INTO freeagent_connection (id, tenant_id, status, access_token_ciphertext,"
          + " access_expires_at, refresh_token_ciphertext, refresh_expires_at, token_version,"
          + " next_refresh_at, last_success_at, consecutive_failures, company_id, company_name,"
          + " company_subdomain, user_email, user_permission_level, created_at, updated_at)"
          + " VALUES (?, ?, 'CONNECTED', ?, ?, ?, ?, 1, ?, ?, 0, ?, ?, ?, ?, 8, ?, ?)";

  private static void addTenant(PreparedStatement insert, UUID id, String slug, Instant now)
      throws SQLException {
    insert.setObject(1, id);
    insert.setString(2, slug);
    insert.setString(3, "Bench " + slug);
    insert.setObject(4, at(now));
    insert.addBatch();
  }

  private static void addConnection(
      PreparedStatement insert,
      UUID tenantId,
      String accessCiphertext,
      String refreshCiphertext,
      Instant now,
      Instant accessExpiresAt,
      Instant nextRefreshAt,
      String email)
      throws SQLException {
    insert.setObject(1, UUID.randomUUID());
    insert.setObject(2, tenantId);
    insert.setString(3, accessCiphertext);
    insert.setObject(4, at(accessExpiresAt));
    insert.setString(5, refreshCiphertext);
    insert.setObject(6, at(now.plus(Duration.ofDays(3650))));
    insert.setObject(7, at(nextRefreshAt));
    insert.setObject(8, at(now));
    insert.setString(9, "bench-" + email);
    insert.setString(10, "Bench company " + email);
    insert.setString(11, "bench");
    insert.setString(12, email);
    insert.setObject(13, at(now));
    insert.setObject(14, at(now));
    insert.addBatch();
  }

  /**
   * All of the prefix's connections due now in one statement, their access tokens (as Token Warden
   * believes) expiring {@code expiresInSeconds} later: the backlog a fleet restart would leave.
   */
  private JsonObject makeDue(String prefix, int expiresInSeconds) throws SQLException {
    Instant now = Instant.now();
    try (Connection db = dataSource.getConnection();
        // Cross-tenant by design: the bench's tenants, chosen by slug prefix.
        PreparedStatement update =
            db.prepareStatement(
                "UPDATE freeagent_connection SET next_refresh_at = ?, access_expires_at = ?"
                    + " WHERE tenant_id IN (SELECT id FROM tenant WHERE slug LIKE ?)")) {
      update.setObject(1, at(now.minusMillis(1)));
      update.setObject(2, at(now.plusSeconds(expiresInSeconds)));
      update.setString(3, prefix + "-%");
      int updated = update.executeUpdate();
      return Json.createObjectBuilder().add("due", updated).add("dueAt", now.toString()).build();
    }
  }

  /** How many of the prefix's connections have been refreshed, and when the first and last were. */
  private JsonObject refreshProgress(String prefix) throws SQLException {
    try (Connection db = dataSource.getConnection();
        // Cross-tenant by design: the bench's tenants, chosen by slug prefix.
        PreparedStatement select =
            db.prepareStatement(
                "SELECT COUNT(*), MIN(c.last_success_at), MAX(c.last_success_at),"
                    + " SUM(CASE WHEN c.status <> 'CONNECTED' THEN 1 ELSE 0 END)"
                    + " FROM freeagent_connection c JOIN tenant t ON t.id = c.tenant_id"
                    + " WHERE t.slug LIKE ? AND c.token_version >= 2")) {
      select.setString(1, prefix + "-%");
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        JsonObjectBuilder json = Json.createObjectBuilder().add("refreshed", rs.getLong(1));
        OffsetDateTime first = rs.getObject(2, OffsetDateTime.class);
        OffsetDateTime last = rs.getObject(3, OffsetDateTime.class);
        if (first != null) {
          json.add("firstSuccess", first.toInstant().toString());
          json.add("lastSuccess", last.toInstant().toString());
        }
        return json.add("notConnected", rs.getLong(4)).build();
      }
    }
  }

  /**
   * Per refresh of the engine's backlog: how long after {@code dueAt} each of the prefix's tenants
   * had its new pair stored (exact, from {@code last_success_at}), and how long one refresh took on
   * a worker (the {@code tokenwarden.refresh.work} timer: MicroProfile Metrics' percentiles over
   * its recent window, which the backlog of a bench run fills). Call it before the bare loop, which
   * rewrites {@code last_success_at}.
   */
  private JsonObject refreshLatency(String prefix, Instant dueAt) throws SQLException {
    List<Long> waits = new ArrayList<>();
    try (Connection db = dataSource.getConnection();
        // Cross-tenant by design: the bench's tenants, chosen by slug prefix.
        PreparedStatement select =
            db.prepareStatement(
                "SELECT c.last_success_at FROM freeagent_connection c"
                    + " JOIN tenant t ON t.id = c.tenant_id"
                    + " WHERE t.slug LIKE ? AND c.token_version >= 2")) {
      select.setString(1, prefix + "-%");
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Instant stored = rs.getObject(1, OffsetDateTime.class).toInstant();
          waits.add(Duration.between(dueAt, stored).toNanos());
        }
      }
    }
    Snapshot work = metrics.getTimer(new MetricID(RefreshMetrics.REFRESH_WORK)).getSnapshot();
    Snapshot call =
        metrics
            .getTimer(new MetricID(RefreshMetrics.REFRESH_DURATION, new Tag("outcome", "answered")))
            .getSnapshot();
    Histogram together = metrics.getHistogram(new MetricID(RefreshMetrics.STORED_TOGETHER));
    return Json.createObjectBuilder()
        .add("dueToStored", percentiles(waits))
        .add("call", timerMillis(call))
        .add(
            "storedTogether",
            Json.createObjectBuilder()
                .add("transactions", together == null ? 0 : together.getCount())
                .add("pairs", together == null ? 0 : together.getSum())
                .add("max", together == null ? 0 : together.getSnapshot().getMax()))
        .add("work", timerMillis(work))
        .build();
  }

  /** A timer's count, mean, p50 and p99, the times in milliseconds. */
  private static JsonObjectBuilder timerMillis(Snapshot timer) {
    return Json.createObjectBuilder()
        .add("count", timer.size())
        .add("mean", timer.getMean() / 1e6)
        .add("p50", percentileMillis(timer, 0.5))
        .add("p99", percentileMillis(timer, 0.99));
  }

  /** A timer's percentile in milliseconds (its values are nanoseconds); -1 when not published. */
  private static double percentileMillis(Snapshot snapshot, double percentile) {
    return Arrays.stream(snapshot.percentileValues())
        .filter(p -> Math.abs(p.getPercentile() - percentile) < 1e-9)
        .mapToDouble(p -> p.getValue() / 1e6)
        .findFirst()
        .orElse(-1);
  }

  /** p50 and p99 in milliseconds of durations in nanoseconds. */
  static JsonObjectBuilder percentiles(java.util.Collection<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    JsonObjectBuilder json = Json.createObjectBuilder().add("count", sorted.length);
    if (sorted.length == 0) {
      return json;
    }
    return json.add("mean", Arrays.stream(sorted).average().orElse(0) / 1e6)
        .add("p50", sorted[(int) (0.50 * (sorted.length - 1))] / 1e6)
        .add("p99", sorted[(int) (0.99 * (sorted.length - 1))] / 1e6);
  }

  /**
   * Times what every tick does before any refresh: the provider-state read and the claim
   * transaction ({@link ConnectionLeases#claimDue}, with as many slots as the node has), each
   * iteration its own transactions exactly as in the tick.
   */
  private JsonObject claimTiming(int iterations) throws SQLException {
    long[] claim = new long[iterations];
    long[] tick = new long[iterations];
    int claimed = 0;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      provider.read();
      long read = System.nanoTime();
      claimed += leases.claimDue(refresh.concurrency()).size();
      long end = System.nanoTime();
      claim[i] = end - read;
      tick[i] = end - start;
    }
    try (Connection db = dataSource.getConnection()) {
      return Json.createObjectBuilder()
          .add("tenants", count(db, "SELECT COUNT(*) FROM freeagent_connection"))
          .add("iterations", iterations)
          .add("claimed", claimed)
          .add("claim", percentiles(claim))
          .add("tick", percentiles(tick))
          .build();
    }
  }

  /**
   * Times the console's first page through the console's own read model ({@link TenantOverview}):
   * 25 tenants by slug with their connections, the row count for the paginator, the per-status
   * counts; each its own root-context transaction, as the console page runs them.
   */
  private JsonObject consoleTiming(int iterations) throws SQLException {
    long[] took = new long[iterations];
    int rows = 0;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      rows = overview.page(TenantQuery.all(), 0, 25).size();
      overview.count(TenantQuery.all());
      overview.countsByStatus();
      took[i] = System.nanoTime() - start;
    }
    try (Connection db = dataSource.getConnection()) {
      return Json.createObjectBuilder()
          .add("tenants", count(db, "SELECT COUNT(*) FROM tenant"))
          .add("iterations", iterations)
          .add("rows", rows)
          .add("page", percentiles(took))
          .build();
    }
  }

  /**
   * Times the capacity page's read model ({@link CapacityOverview#report()}, every query it runs)
   * after spreading every connected tenant's next refresh over the next hour (2 to 60 minutes
   * ahead, so the scheduler claims none while timing) and putting every tenth tenant behind a
   * shared accountant of 20: the worst case for its GROUP BY minute and user, every row in the
   * window.
   */
  private JsonObject capacityTiming(int iterations) throws SQLException {
    long started = System.nanoTime();
    Instant now = Instant.now();
    int spread = 0;
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      List<UUID> ids = new ArrayList<>();
      try (var select = db.createStatement();
          ResultSet rows =
              select.executeQuery(
                  "SELECT id FROM freeagent_connection WHERE status = 'CONNECTED'")) {
        while (rows.next()) {
          ids.add(io.tokenwarden.application.refresh.SqlValues.uuid(rows.getObject(1)));
        }
      }
      try (PreparedStatement update =
          db.prepareStatement(
              "UPDATE freeagent_connection SET next_refresh_at = ?,"
                  + " user_email = COALESCE(?, user_email) WHERE id = ?")) {
        for (int i = 0; i < ids.size(); i++) {
          update.setObject(1, at(now.plusSeconds(120 + (i * 7919L) % 3480)));
          update.setString(
              2, i % 10 == 0 ? "bench-accountant-" + i / 200 + "@sandbox.example" : null);
          update.setObject(3, ids.get(i));
          update.addBatch();
          if ((i + 1) % BATCH == 0 || i == ids.size() - 1) {
            update.executeBatch();
            db.commit();
          }
        }
        spread = ids.size();
      }
      db.setAutoCommit(true);
    }
    analyze();
    long spreadMillis = (System.nanoTime() - started) / 1_000_000;
    long[] took = new long[iterations];
    CapacityReport report = null;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      report = capacity.report();
      took[i] = System.nanoTime() - start;
    }
    try (Connection db = dataSource.getConnection()) {
      return Json.createObjectBuilder()
          .add("tenants", count(db, "SELECT COUNT(*) FROM tenant"))
          .add("spread", spread)
          .add("spreadMillis", spreadMillis)
          .add("iterations", iterations)
          .add("dueNextHour", report == null ? 0 : report.dueInNextHour())
          .add("sharedUsers", report == null ? 0 : report.sharedUserCount())
          .add("report", percentiles(took))
          .build();
    }
  }

  private static JsonObject percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return Json.createObjectBuilder()
        .add("p50", millis(sorted[(int) Math.floor(0.50 * (sorted.length - 1))]))
        .add("p99", millis(sorted[(int) Math.floor(0.99 * (sorted.length - 1))]))
        .add("max", millis(sorted[sorted.length - 1]))
        .build();
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (PreparedStatement select = db.prepareStatement(sql);
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private JsonObject send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("Emulator answered " + response.statusCode());
      }
      try (var reader = Json.createReader(new StringReader(response.body()))) {
        return reader.readObject();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
