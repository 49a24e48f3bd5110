package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalPageTest {

  /** Everything written into the page is escaped; the first user is preselected. */
  @Test
  void escapesValuesAndPreselectsTheFirstUser() {
    SandboxCompany company = new SandboxCompany(1, "<b>Evil & Co</b>", "evil", null, null);
    SandboxUser first =
        new SandboxUser(1, "x@y.example", "<script>", "O'Neil", "Owner", 8, company);
    SandboxUser second = new SandboxUser(2, "z@y.example", "Zed", "Z", "Owner", 8, company);

    String html = ApprovalPage.render("id\"><x", "client<", List.of(first, second), 2, "/a");

    assertThat(html)
        .doesNotContain("<script>", "<b>Evil", "id\"><x", "client<")
        .contains("&lt;script&gt;", "O&#39;Neil", "&lt;b&gt;Evil &amp; Co&lt;/b&gt;")
        .contains("id=\"user-1\" value=\"1\" checked")
        .contains("id=\"user-2\" value=\"2\">")
        .contains("id=\"approve\"", "id=\"deny\"");
  }
}
