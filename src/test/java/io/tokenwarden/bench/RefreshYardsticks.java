package io.tokenwarden.bench;

import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The two yardsticks the engine's refresh throughput (P1) is read against, each run over the same
 * tenants at the same concurrency, in plain JDBC and {@code java.net.http}:
 *
 * <ul>
 *   <li>the <b>bare loop</b>: one token POST and one autocommit UPDATE per tenant, the issue's
 *       limit; it keeps no lease, no fence, no audit and no journal, so it is not safe to run
 *       beside anything else;
 *   <li>the <b>protocol floor</b>: the statements and the disk flush the rotation-safe protocol
 *       (docs/DESIGN.md §5) cannot do without, and nothing else: a claim transaction that leases
 *       the row, counts the FreeAgent user's refresh and reads the snapshot; the journal entry
 *       written and flushed before the call's answer is used; a store transaction that locks the
 *       row, checks the fence, writes the pair, gives the lease back and writes the audit row. No
 *       JPA, JTA, CDI interceptors or fault tolerance.
 * </ul>
 *
 * The engine over the floor is what the frameworks and the engine's own design cost; the floor over
 * the bare loop is what the protocol's safety costs on this machine, whatever the code around it.
 */
final class RefreshYardsticks {

  private final DataSource dataSource;
  private final ManagedThreadFactory threads;
  private final TokenCipher cipher;
  private final FreeAgentSettings freeagent;
  private final HttpClient http;

  RefreshYardsticks(
      DataSource dataSource,
      ManagedThreadFactory threads,
      TokenCipher cipher,
      FreeAgentSettings freeagent,
      HttpClient http) {
    this.dataSource = dataSource;
    this.threads = threads;
    this.cipher = cipher;
    this.freeagent = freeagent;
    this.http = http;
  }

  /** One of the prefix's connections, with its refresh token when read before the clock starts. */
  private record Row(UUID id, UUID tenantId, String refreshToken) {}

  /** What a yardstick does with one unit of rows; how many pairs it stored. */
  @FunctionalInterface
  private interface Refresh {
    int refresh(URI tokenEndpoint, List<Row> rows) throws SQLException, IOException;
  }

  /**
   * The bare loop. Reading and decrypting the current refresh tokens happens before the clock
   * starts.
   */
  JsonObject bareLoop(String prefix, int threadCount) throws SQLException, InterruptedException {
    return timed(rows(prefix, true), threadCount, 1, this::bareRefresh);
  }

  /**
   * The protocol floor. Only the rows' ids are read before the clock starts: reading the refresh
   * token is the claim's work. With {@code batch} above 1 each thread claims that many rows in one
   * transaction, calls the token endpoint for each in turn, journals the pairs with one flush and
   * stores them in one transaction: what claiming and storing in batches could buy at the most.
   */
  JsonObject protocolFloor(String prefix, int threadCount, int batch)
      throws SQLException, InterruptedException {
    Path journal;
    try {
      journal = Files.createTempDirectory("protocol-floor-journal");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Refresh floor = (endpoint, rows) -> floorRefresh(endpoint, rows, journal);
    try {
      return timed(rows(prefix, false), threadCount, batch, floor);
    } finally {
      // Each entry is removed once its pairs are stored; a failed store's entry goes with the
      // folder.
      try (var left = Files.list(journal)) {
        for (Path entry : left.toList()) {
          Files.deleteIfExists(entry);
        }
        Files.deleteIfExists(journal);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private List<Row> rows(String prefix, boolean withRefreshToken) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection db = dataSource.getConnection();
        // Cross-tenant by design: the bench's tenants, chosen by slug prefix.
        PreparedStatement select =
            db.prepareStatement(
                "SELECT c.id, c.tenant_id, c.refresh_token_ciphertext FROM freeagent_connection c"
                    + " JOIN tenant t ON t.id = c.tenant_id WHERE t.slug LIKE ?")) {
      select.setString(1, prefix + "-%");
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          UUID tenantId = rs.getObject(2, UUID.class);
          rows.add(
              new Row(
                  rs.getObject(1, UUID.class),
                  tenantId,
                  withRefreshToken
                      ? cipher.decrypt(tenantId, TokenColumn.REFRESH_TOKEN, rs.getString(3))
                      : null));
        }
      }
    }
    return rows;
  }

  /**
   * Runs {@code refresh} over the rows in units of {@code batch}, {@code threadCount} units at
   * once; "work" is the time of one unit.
   */
  private JsonObject timed(List<Row> rows, int threadCount, int batch, Refresh refresh)
      throws InterruptedException {
    URI tokenEndpoint = freeagent.apiBase().resolve("token_endpoint");
    AtomicInteger stored = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    ConcurrentLinkedQueue<Long> work = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> startToStored = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(threadCount, threads);
    long started = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int from = 0; from < rows.size(); from += batch) {
        List<Row> unit = rows.subList(from, Math.min(rows.size(), from + batch));
        done.add(
            pool.submit(
                () -> {
                  long begun = System.nanoTime();
                  try {
                    int count = refresh.refresh(tokenEndpoint, unit);
                    stored.addAndGet(count);
                  } catch (SQLException | IOException e) {
                    firstFailure.compareAndSet(null, e.getClass().getSimpleName());
                    return null;
                  }
                  long ended = System.nanoTime();
                  work.add(ended - begun);
                  startToStored.add(ended - started);
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("A yardstick failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return Json.createObjectBuilder()
        .add("refreshed", stored.get())
        .add("failures", rows.size() - stored.get())
        .add("firstFailure", firstFailure.get() == null ? "none" : firstFailure.get())
        .add("batch", batch)
        .add("millis", millis)
        .add("work", BenchProbe.percentiles(work))
        .add("dueToStored", BenchProbe.percentiles(startToStored))
        .build();
  }

  private int bareRefresh(URI endpoint, List<Row> rows) throws SQLException {
    Row row = rows.get(0);
    JsonObject pair = post(endpoint, row.refreshToken());
    if (pair == null) {
      return 0;
    }
    Instant now = Instant.now();
    try (Connection db = dataSource.getConnection();
        // Names its tenant: one connection row.
        PreparedStatement update =
            db.prepareStatement(
                "UPDATE freeagent_connection SET access_token_ciphertext = ?,"
                    + " refresh_token_ciphertext = ?, access_expires_at = ?,"
                    + " token_version = token_version + 1, last_success_at = ?, updated_at = ?"
                    + " WHERE tenant_id = ? AND id = ?")) {
      bindPair(update, row.tenantId(), pair, now);
      update.setObject(6, row.tenantId());
      update.setObject(7, row.id());
      return update.executeUpdate();
    }
  }

  /** A claimed row: the version and refresh token its snapshot read, and the pair once received. */
  private record Claimed(Row row, long version, String refreshCiphertext, JsonObject pair) {
    Claimed answered(JsonObject received) {
      return new Claimed(row, version, refreshCiphertext, received);
    }
  }

  private int floorRefresh(URI endpoint, List<Row> rows, Path journal)
      throws SQLException, IOException {
    UUID claim = UUID.randomUUID();
    List<Claimed> answered = new ArrayList<>();
    for (Claimed claimed : claim(rows, claim)) {
      JsonObject pair =
          post(
              endpoint,
              cipher.decrypt(
                  claimed.row().tenantId(),
                  TokenColumn.REFRESH_TOKEN,
                  claimed.refreshCiphertext()));
      if (pair != null) {
        answered.add(claimed.answered(pair));
      }
    }
    if (answered.isEmpty()) {
      return 0;
    }
    Path entry = journal.resolve(claim + ".json");
    journalWrite(entry, answered.stream().map(a -> a.pair().toString()).toList().toString());
    int stored = store(answered, claim);
    Files.deleteIfExists(entry);
    return stored;
  }

  /**
   * The claim and the snapshot in one transaction: the rows locked unless another holds them, each
   * FreeAgent user's window counted, the leases written, the versions and refresh tokens read.
   */
  private List<Claimed> claim(List<Row> rows, UUID claim) throws SQLException {
    Instant now = Instant.now();
    Map<UUID, Row> byId = new HashMap<>();
    rows.forEach(row -> byId.put(row.id(), row));
    return inTransaction(
        db -> {
          List<Claimed> claimed = new ArrayList<>();
          Set<String> users = new HashSet<>();
          try (PreparedStatement lock =
              db.prepareStatement(
                  "SELECT id, token_version, refresh_token_ciphertext, user_email"
                      + " FROM freeagent_connection WHERE id IN ("
                      + placeholders(rows.size())
                      + ") AND (lease_expires_at IS NULL OR lease_expires_at < ?)"
                      + " FOR UPDATE SKIP LOCKED")) {
            int i = 1;
            for (Row row : rows) {
              lock.setObject(i++, row.id());
            }
            lock.setObject(i, at(now));
            try (ResultSet rs = lock.executeQuery()) {
              while (rs.next()) {
                Row row = byId.get(rs.getObject(1, UUID.class));
                claimed.add(new Claimed(row, rs.getLong(2), rs.getString(3), null));
                String email = rs.getString(4);
                users.add(
                    email == null
                        ? "tenant:" + row.tenantId()
                        : email.strip().toLowerCase(Locale.ROOT));
              }
            }
          }
          if (claimed.isEmpty()) {
            return claimed;
          }
          countUserRefreshes(db, users, now);
          try (PreparedStatement lease =
              db.prepareStatement(
                  "UPDATE freeagent_connection SET lease_owner = ?, lease_expires_at = ?,"
                      + " lease_claim = ? WHERE tenant_id = ? AND id = ?")) {
            for (Claimed c : claimed) {
              lease.setString(1, "protocol-floor");
              lease.setObject(2, at(now.plusSeconds(120)));
              lease.setObject(3, claim);
              lease.setObject(4, c.row().tenantId());
              lease.setObject(5, c.row().id());
              lease.addBatch();
            }
            lease.executeBatch();
          }
          return claimed;
        });
  }

  /** FreeAgent's per-user limit is the protocol's to keep: the users' windows, read under lock. */
  private static void countUserRefreshes(Connection db, Set<String> userKeys, Instant now)
      throws SQLException {
    Set<String> known = new HashSet<>();
    try (PreparedStatement windows =
        db.prepareStatement(
            "SELECT user_key FROM user_refresh_window WHERE user_key IN ("
                + placeholders(userKeys.size())
                + ") FOR UPDATE")) {
      int i = 1;
      for (String key : userKeys) {
        windows.setString(i++, key);
      }
      try (ResultSet rs = windows.executeQuery()) {
        while (rs.next()) {
          known.add(rs.getString(1));
        }
      }
    }
    try (PreparedStatement update =
            db.prepareStatement(
                "UPDATE user_refresh_window SET window_start = ?, used = 1 WHERE user_key = ?");
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO user_refresh_window (window_start, used, user_key) VALUES (?, 1, ?)")) {
      for (String key : userKeys) {
        PreparedStatement write = known.contains(key) ? update : insert;
        write.setObject(1, at(now));
        write.setString(2, key);
        write.addBatch();
      }
      update.executeBatch();
      insert.executeBatch();
    }
  }

  /** Written and flushed (file and directory) before the pairs are used, as the refresh journal. */
  private static void journalWrite(Path entry, String content) throws IOException {
    Path partial = entry.resolveSibling(entry.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            partial,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel directory = FileChannel.open(entry.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  /**
   * The fenced store, one transaction: the rows locked, each pair stored only if its row's version
   * is the snapshot's and its lease still this claim's; the pairs written and the leases given
   * back; the audit rows.
   */
  private int store(List<Claimed> answered, UUID claim) throws SQLException {
    Instant now = Instant.now();
    return inTransaction(
        db -> {
          Map<UUID, Long> versions = new HashMap<>();
          try (PreparedStatement lock =
              db.prepareStatement(
                  "SELECT id, token_version, lease_claim FROM freeagent_connection WHERE id IN ("
                      + placeholders(answered.size())
                      + ") FOR UPDATE")) {
            int i = 1;
            for (Claimed c : answered) {
              lock.setObject(i++, c.row().id());
            }
            try (ResultSet rs = lock.executeQuery()) {
              while (rs.next()) {
                if (claim.equals(rs.getObject(3, UUID.class))) {
                  versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
              }
            }
          }
          List<Claimed> fenced =
              answered.stream()
                  .filter(c -> Long.valueOf(c.version()).equals(versions.get(c.row().id())))
                  .toList();
          try (PreparedStatement update =
                  db.prepareStatement(
                      "UPDATE freeagent_connection SET access_token_ciphertext = ?,"
                          + " refresh_token_ciphertext = ?, access_expires_at = ?,"
                          + " token_version = token_version + 1, last_success_at = ?,"
                          + " updated_at = ?, next_refresh_at = ?, consecutive_failures = 0,"
                          + " lease_owner = NULL, lease_expires_at = NULL, lease_claim = NULL"
                          + " WHERE tenant_id = ? AND id = ?");
              PreparedStatement audit =
                  db.prepareStatement(
                      "INSERT INTO refresh_event (id, tenant_id, occurred_at, trigger_kind,"
                          + " outcome, http_status, duration_ms, node, status_after, detail)"
                          + " VALUES (?, ?, ?, 'SCHEDULED', 'SUCCESS', 200, 0, 'protocol-floor',"
                          + " 'CONNECTED', NULL)")) {
            for (Claimed c : fenced) {
              bindPair(update, c.row().tenantId(), c.pair(), now);
              update.setObject(6, at(now.plusSeconds(3000)));
              update.setObject(7, c.row().tenantId());
              update.setObject(8, c.row().id());
              update.addBatch();
              audit.setObject(1, UUID.randomUUID());
              audit.setObject(2, c.row().tenantId());
              audit.setObject(3, at(now));
              audit.addBatch();
            }
            update.executeBatch();
            audit.executeBatch();
          }
          return fenced.size();
        });
  }

  /** What runs in one transaction of a yardstick. */
  @FunctionalInterface
  private interface InTransaction<T> {
    T run(Connection db) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  private <T> T inTransaction(InTransaction<T> work) throws SQLException {
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      try {
        T result = work.run(db);
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      }
    }
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /** Binds parameters 1 to 5: both tokens sealed, the expiry, and the success and update times. */
  private void bindPair(PreparedStatement statement, UUID tenantId, JsonObject pair, Instant now)
      throws SQLException {
    statement.setString(
        1, cipher.encrypt(tenantId, TokenColumn.ACCESS_TOKEN, pair.getString("access_token")));
    statement.setString(
        2, cipher.encrypt(tenantId, TokenColumn.REFRESH_TOKEN, pair.getString("refresh_token")));
    statement.setObject(3, at(now.plusSeconds(pair.getJsonNumber("expires_in").longValue())));
    statement.setObject(4, at(now));
    statement.setObject(5, at(now));
  }

  /** The token POST; the parsed pair, or null when FreeAgent (the emulator) did not answer 200. */
  private JsonObject post(URI endpoint, String refreshToken) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", freeagent.basicAuthorization())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("User-Agent", freeagent.userAgent())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "grant_type=refresh_token&refresh_token="
                              + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (response.statusCode() != 200) {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
