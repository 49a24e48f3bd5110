package io.tokenwarden.emulator;

import java.util.List;

/**
 * The HTML of FreeAgent's "approve app" page as the emulator shows it: the sandbox users to sign in
 * as (first one chosen), Approve and Deny. Element ids ({@code approve}, {@code deny}, {@code
 * user-<id>}) are stable for browser tests. Every value is escaped.
 */
final class ApprovalPage {

  /** At most this many users are listed (a benchmark may create 100,000). */
  static final int LISTED_USERS = 200;

  private ApprovalPage() {}

  static String render(
      String approvalId, String clientId, List<SandboxUser> users, int totalUsers, String action) {
    StringBuilder html = new StringBuilder(2048);
    html.append("<h1>FreeAgent sandbox emulator</h1>")
        .append("<p>The application <strong id=\"client\">")
        .append(Html.escape(clientId))
        .append("</strong> would like to access your FreeAgent account.</p>")
        .append("<form method=\"post\" action=\"")
        .append(Html.escape(action))
        .append("\"><input type=\"hidden\" name=\"request\" value=\"")
        .append(Html.escape(approvalId))
        .append("\"><fieldset><legend>Sign in as</legend><ul>");
    boolean first = true;
    for (SandboxUser user : users) {
      String id = "user-" + user.id();
      html.append("<li><input type=\"radio\" name=\"user_id\" id=\"")
          .append(id)
          .append("\" value=\"")
          .append(user.id())
          .append('"')
          .append(first ? " checked" : "")
          .append("> <label for=\"")
          .append(id)
          .append("\">")
          .append(Html.escape(user.firstName() + " " + user.lastName()))
          .append(" &lt;")
          .append(Html.escape(user.email()))
          .append("&gt;, ")
          .append(Html.escape(user.role()))
          .append(" of <span class=\"company\">")
          .append(Html.escape(user.company().name()))
          .append("</span> (")
          .append(Html.escape(user.company().subdomain()))
          .append(")</label></li>");
      first = false;
    }
    html.append("</ul>");
    if (totalUsers > users.size()) {
      html.append("<p class=\"note\">Showing the first ")
          .append(users.size())
          .append(" of ")
          .append(totalUsers)
          .append(" sandbox users.</p>");
    }
    html.append("</fieldset>")
        .append("<p><button type=\"submit\" id=\"approve\" name=\"decision\" value=\"approve\">")
        .append("Approve</button>")
        .append("<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">")
        .append("Deny</button></p></form>")
        .append("<p class=\"note\">This is Token Warden's FreeAgent emulator, not FreeAgent.</p>");
    return Html.page("Approve app - FreeAgent sandbox emulator", html.toString());
  }
}
