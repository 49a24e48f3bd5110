package io.tokenwarden.it.connect;

import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Deployed with the connect ITs only: lets a test that runs outside the server read a tenant's
 * stored rows exactly as the database holds them (every column, through JDBC) and the plaintext
 * behind the stored ciphertexts, so it can prove that no token is stored in the clear. It can also
 * age a tenant's links, the IT's way to move past a 7-day expiry. Never part of the shipped WAR.
 */
@WebServlet("/it-probe/*")
public class ConnectProbe extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  @Inject TokenCipher cipher;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    UUID tenant = UUID.fromString(request.getParameter("tenant"));
    JsonObjectBuilder json = Json.createObjectBuilder();
    try (Connection db = dataSource.getConnection()) {
      switch (request.getPathInfo()) {
        case "/connection" -> {
          JsonArrayBuilder rows = rows(db, "select * from freeagent_connection", tenant);
          json.add("rows", rows);
          try (PreparedStatement select =
              db.prepareStatement(
                  "select access_token_ciphertext, refresh_token_ciphertext"
                      + " from freeagent_connection where tenant_id = ?")) {
            select.setObject(1, tenant);
            try (ResultSet rs = select.executeQuery()) {
              if (rs.next() && rs.getString(1) != null) {
                json.add(
                    "accessToken",
                    cipher.decrypt(tenant, TokenColumn.ACCESS_TOKEN, rs.getString(1)));
                json.add(
                    "refreshToken",
                    cipher.decrypt(tenant, TokenColumn.REFRESH_TOKEN, rs.getString(2)));
              }
            }
          }
        }
        case "/links" -> json.add("rows", rows(db, "select * from onboarding_link", tenant));
        case "/attempts" ->
            json.add("rows", rows(db, "select * from authorization_attempt", tenant));
        case "/events" -> json.add("rows", rows(db, "select * from refresh_event", tenant));
        default -> {
          response.sendError(404);
          return;
        }
      }
    } catch (SQLException e) {
      throw new IOException(e);
    }
    response.setContentType("application/json");
    response.getWriter().write(json.build().toString());
  }

  /** {@code POST /it-probe/expire-links?tenant=}: the tenant's open links expired a minute ago. */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/emulator-client-secret".equals(request.getPathInfo())) {
      // Changes the secret the emulator registers at its next reset; Token Warden keeps the one
      // it resolved at start, so the two disagree: FreeAgent "rejects our client credentials".
      String value = request.getParameter("value");
      if (value == null) {
        System.clearProperty("tokenwarden.emulator.client-secret");
      } else {
        System.setProperty("tokenwarden.emulator.client-secret", value);
      }
      response.setStatus(204);
      return;
    }
    if (!"/expire-links".equals(request.getPathInfo())) {
      response.sendError(404);
      return;
    }
    UUID tenant = UUID.fromString(request.getParameter("tenant"));
    try (Connection db = dataSource.getConnection();
        PreparedStatement update =
            db.prepareStatement(
                "update onboarding_link set created_at = ?, expires_at = ? where tenant_id = ?")) {
      OffsetDateTime now = OffsetDateTime.now();
      update.setObject(1, now.minusDays(8));
      update.setObject(2, now.minusMinutes(1));
      update.setObject(3, tenant);
      response.setContentType("application/json");
      response.getWriter().write("{\"updated\":" + update.executeUpdate() + "}");
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  /** Every row of the table for the tenant, every column as text (timestamps as instants). */
  private static JsonArrayBuilder rows(Connection db, String select, UUID tenant)
      throws SQLException {
    JsonArrayBuilder rows = Json.createArrayBuilder();
    try (PreparedStatement statement = db.prepareStatement(select + " where tenant_id = ?")) {
      statement.setObject(1, tenant);
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          JsonObjectBuilder row = Json.createObjectBuilder();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
            int type = meta.getColumnType(i);
            String value =
                type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE
                    ? instant(rs.getObject(i, OffsetDateTime.class))
                    : rs.getString(i);
            if (value == null) {
              row.addNull(name);
            } else {
              row.add(name, value);
            }
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static String instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant().toString();
  }
}
