package io.tokenwarden.interfaces.web.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.onboarding.ConnectOutcome;
import io.tokenwarden.application.onboarding.ConnectResult;
import io.tokenwarden.application.onboarding.LinkLanding;
import io.tokenwarden.domain.LinkPurpose;
import org.junit.jupiter.api.Test;

/** The tenant's pages: names shown escaped, one button, a clear page for every outcome. */
class ConnectPagesTest {

  /** The landing page names the tenant (escaped) and has exactly one button posting to itself. */
  @Test
  void landingNamesTheTenantWithOneButton() {
    Page page =
        ConnectPages.landing(new LinkLanding(null, "Acme <Ltd> & \"Co\"", LinkPurpose.CONNECT));
    String html = ConnectPages.document(page, "");

    assertThat(page.status()).isEqualTo(200);
    assertThat(html)
        .contains("Acme &lt;Ltd&gt; &amp; &quot;Co&quot;")
        .doesNotContain("<Ltd>")
        .contains("<form method=\"post\">")
        .contains("<html lang=\"en\">")
        .contains("<h1>");
    assertThat(html.split("<button", -1)).hasSize(2);
  }

  /** A reconnect link says so. */
  @Test
  void reconnectLandingSaysReconnect() {
    Page page = ConnectPages.landing(new LinkLanding(null, "Acme", LinkPurpose.RECONNECT));

    assertThat(page.title()).startsWith("Reconnect");
    assertThat(page.bodyHtml()).contains("Reconnect FreeAgent");
  }

  /** Success names the FreeAgent company. */
  @Test
  void successNamesTheCompany() {
    Page page =
        ConnectPages.result(
            new ConnectResult(ConnectOutcome.CONNECTED, "Acme", "Acme Trading <UK>", false));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.bodyHtml()).contains("Acme Trading &lt;UK&gt;");
  }

  /** Every refusal has a page with a heading and a next step; none is blank. */
  @Test
  void everyRefusalHasAPage() {
    for (ConnectOutcome outcome : ConnectOutcome.values()) {
      if (outcome == ConnectOutcome.CONNECTED) {
        continue;
      }
      Page page = ConnectPages.refusal(outcome, "Acme");
      assertThat(page.title()).as(outcome.name()).isNotBlank();
      assertThat(page.bodyHtml()).as(outcome.name()).contains("<p>");
      assertThat(page.status()).as(outcome.name()).isBetween(200, 599);
    }
    assertThat(ConnectPages.refusal(ConnectOutcome.DECLINED, "Acme").bodyHtml())
        .contains("declined")
        .contains("still works");
    assertThat(ConnectPages.refusal(ConnectOutcome.CODE_REJECTED, "Acme").bodyHtml())
        .contains("15 minutes");
    assertThat(ConnectPages.refusal(ConnectOutcome.PROVIDER_UNAVAILABLE, "Acme").bodyHtml())
        .contains("few minutes");
    assertThat(ConnectPages.refusal(ConnectOutcome.SERVICE_MISCONFIGURED, "Acme").bodyHtml())
        .doesNotContain("credential")
        .doesNotContain("401");
  }
}
