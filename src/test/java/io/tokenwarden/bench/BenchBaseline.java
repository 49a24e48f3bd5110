package io.tokenwarden.bench;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What the hand-out benchmark compares itself with, in the same server (test-only, deployed by the
 * benches alone): {@code GET /bench-baseline/ping} answers a constant without any work, so its rate
 * under {@code wrk} is this server's own ceiling on this machine; {@code GET
 * /bench-baseline/transactions} answers the database's count of finished transactions (PostgreSQL's
 * {@code pg_stat_database}; {@code -1} on H2, which keeps no such count), from which the bench
 * derives the database work per hand-out.
 */
@WebServlet("/bench-baseline/*")
public class BenchBaseline extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Resource(lookup = "jdbc/tokenwarden")
  transient DataSource dataSource;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String answer =
        switch (String.valueOf(request.getPathInfo())) {
          case "/ping" -> "ok";
          case "/transactions" -> String.valueOf(finishedTransactions());
          default -> null;
        };
    if (answer == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setContentType("text/plain");
    response.getWriter().write(answer);
  }

  private long finishedTransactions() throws IOException {
    try (Connection db = dataSource.getConnection();
        Statement statement = db.createStatement()) {
      if (!db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
        return -1;
      }
      // The counters lag by up to a second (statistics are flushed per backend); the bench reads
      // them over windows of many seconds and subtracts an idle window of the same length.
      try (ResultSet row =
          statement.executeQuery(
              "SELECT xact_commit + xact_rollback FROM pg_stat_database"
                  + " WHERE datname = current_database()")) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IOException("Could not read the transaction count", e);
    }
  }
}
