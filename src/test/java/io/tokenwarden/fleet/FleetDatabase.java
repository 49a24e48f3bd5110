package io.tokenwarden.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's PostgreSQL database as the suite sees it: created fresh for the run and dropped
 * after, emptied between scenarios, read for assertions, and cut off from the nodes (connection
 * limit 0 and every session terminated, as {@code HandOutWithoutDatabaseIT} does) for R5. The suite
 * connects as the superuser, which the connection limit does not stop, so it can restore what it
 * cut. Node 1 connects with a role of its own so that it can be cut alone (R9).
 */
final class FleetDatabase {

  private final String adminUrl;
  private final String adminUser;
  final String name;
  final String owner;

  FleetDatabase(String adminUrl, String adminUser, String name, String owner) {
    this.adminUrl = adminUrl;
    this.adminUser = adminUser;
    this.name = name;
    this.owner = owner;
  }

  /** The JDBC URL the nodes use. */
  String url() {
    int slash = adminUrl.lastIndexOf('/');
    return adminUrl.substring(0, slash + 1) + name;
  }

  void create() {
    admin("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    admin("CREATE DATABASE \"" + name + "\" OWNER \"" + owner + "\"");
    admin("DROP ROLE IF EXISTS \"" + nodeOneRole() + "\"");
    // A login of its own for node 1, acting as the owner (every object it creates is the owner's),
    // so that R9 can cut that node alone: connection limit 0 and its sessions terminated.
    admin(
        "CREATE ROLE \""
            + nodeOneRole()
            + "\" LOGIN PASSWORD 'tokenwarden' IN ROLE \""
            + owner
            + "\"");
    admin("ALTER ROLE \"" + nodeOneRole() + "\" SET role = '" + owner + "'");
  }

  void drop() {
    admin("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    admin("DROP ROLE IF EXISTS \"" + nodeOneRole() + "\"");
  }

  /** The database user node 1 connects as ({@code FLEET_DB_USER_1}). */
  String nodeOneRole() {
    return name + "_node1";
  }

  /** Node 1 alone refuses every new connection and loses the ones it holds; node 2 goes on. */
  void cutNodeOne() {
    admin("ALTER ROLE \"" + nodeOneRole() + "\" WITH CONNECTION LIMIT 0");
    admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
            + nodeOneRole()
            + "'");
  }

  void restoreNodeOne() {
    admin("ALTER ROLE \"" + nodeOneRole() + "\" WITH CONNECTION LIMIT -1");
  }

  /** Every tenant, audit row and provider-wide mark of an earlier scenario gone; nodes stay. */
  void empty() {
    execute(
        "DELETE FROM api_client WHERE kind = 'TOKEN'",
        "DELETE FROM tenant",
        "DELETE FROM rate_limit_hit",
        "DELETE FROM user_refresh_window",
        "UPDATE provider_state SET throttle_paused_until = NULL, credentials_rejected_at = NULL,"
            + " alarm_message = NULL");
  }

  /** Nodes refuse every new connection and lose the ones they hold. */
  void cut() {
    admin("ALTER DATABASE \"" + name + "\" WITH CONNECTION LIMIT 0");
    admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + name
            + "' AND pid <> pg_backend_pid()");
  }

  void restore() {
    admin("ALTER DATABASE \"" + name + "\" WITH CONNECTION LIMIT -1");
  }

  /** Count of connections per status, e.g. {@code {CONNECTED=300}}. */
  Map<String, Long> statuses() {
    Map<String, Long> counts = new TreeMap<>();
    query(
        "SELECT status, COUNT(*) FROM freeagent_connection GROUP BY status",
        rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  long count(String sql) {
    long[] count = {0};
    query(sql, rs -> count[0] = rs.getLong(1));
    return count[0];
  }

  /** {@code sql} selects a key and a count; the answer in key order. */
  Map<String, Long> countsBy(String sql) {
    Map<String, Long> counts = new TreeMap<>();
    query(sql, rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  /** Connections whose lease a run of {@code node} (configured name) holds right now. */
  long leasesHeldBy(String node) {
    return count(
        "SELECT COUNT(*) FROM freeagent_connection WHERE lease_owner LIKE '"
            + node
            + "/%' AND lease_expires_at > CURRENT_TIMESTAMP");
  }

  /** Connections not stored a new pair since {@code since} and not yet flagged for a person. */
  long notRefreshedSince(Instant since) {
    return count(
        "SELECT COUNT(*) FROM freeagent_connection WHERE status <> 'NEEDS_RECONNECT'"
            + " AND (last_success_at IS NULL OR last_success_at < '"
            + OffsetDateTime.ofInstant(since, ZoneOffset.UTC)
            + "')");
  }

  /** Connections that went through fewer than {@code refreshes} stored refreshes. */
  long withFewerRefreshesThan(int refreshes) {
    return count(
        "SELECT COUNT(*) FROM freeagent_connection WHERE status <> 'NEEDS_RECONNECT'"
            + " AND token_version < "
            + (1 + refreshes));
  }

  /** Connections whose stored access token is already past its expiry. */
  long expired() {
    return count(
        "SELECT COUNT(*) FROM freeagent_connection WHERE access_expires_at < CURRENT_TIMESTAMP");
  }

  /** Slugs of the connections in {@code status}. */
  List<String> slugsIn(String status) {
    List<String> slugs = new ArrayList<>();
    query(
        "SELECT t.slug FROM tenant t JOIN freeagent_connection c ON c.tenant_id = t.id"
            + " WHERE c.status = '"
            + status
            + "' ORDER BY t.slug",
        rs -> slugs.add(rs.getString(1)));
    return slugs;
  }

  /** Last error codes of the connections in NEEDS_RECONNECT, with their counts. */
  Map<String, Long> reconnectReasons() {
    Map<String, Long> counts = new TreeMap<>();
    query(
        "SELECT COALESCE(last_error_code, '-'), COUNT(*) FROM freeagent_connection"
            + " WHERE status = 'NEEDS_RECONNECT' GROUP BY last_error_code",
        rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  /** Every row {@code sql} selects, each turned into a value by {@code row}. */
  <T> List<T> rows(String sql, RowMapper<T> row) {
    List<T> values = new ArrayList<>();
    query(sql, rs -> values.add(row.map(rs)));
    return values;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), adminUser, null);
  }

  void execute(String... statements) {
    try (Connection db = connect();
        Statement statement = db.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Fleet database: " + e.getMessage(), e);
    }
  }

  void batch(String sql, List<Object[]> rows) {
    try (Connection db = connect();
        PreparedStatement insert = db.prepareStatement(sql)) {
      db.setAutoCommit(false);
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          insert.setObject(i + 1, row[i]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Fleet database: " + e.getMessage(), e);
    }
  }

  private void query(String sql, RowReader reader) {
    try (Connection db = connect();
        Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Fleet database: " + e.getMessage(), e);
    }
  }

  private void admin(String sql) {
    try (Connection db = DriverManager.getConnection(adminUrl, adminUser, null);
        Statement statement = db.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** Turns the current row of a result set into a value. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }
}
