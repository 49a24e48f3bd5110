package io.tokenwarden.interfaces.web.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.onboarding.ConnectOutcome;
import io.tokenwarden.application.onboarding.ConnectResult;
import io.tokenwarden.application.onboarding.LinkLanding;
import io.tokenwarden.domain.LinkPurpose;
import io.tokenwarden.interfaces.web.connect.ConnectBranding.Branding;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The tenant's pages: names shown escaped, one button, a clear page for every outcome. */
class ConnectPagesTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-12-13T10:00:00Z");

  /** The landing page names the tenant (escaped) and has exactly one button posting to itself. */
  @Test
  void landingNamesTheTenantWithOneButton() {
    Page page =
        ConnectPages.landing(
            new LinkLanding(null, "Acme <Ltd> & \"Co\"", LinkPurpose.CONNECT, EXPIRES, NOW));
    String html = ConnectPages.document(page, "", Branding.NONE);

    assertThat(page.status()).isEqualTo(200);
    assertThat(html)
        .contains("Acme &lt;Ltd&gt; &amp; &#34;Co&#34;")
        .doesNotContain("<Ltd>")
        .contains("<form method=\"post\">")
        .contains("<html lang=\"en\">")
        .contains("<h1>");
    assertThat(html.split("<button", -1)).hasSize(2);
  }

  /** A reconnect link says so. */
  @Test
  void reconnectLandingSaysReconnect() {
    Page page =
        ConnectPages.landing(new LinkLanding(null, "Acme", LinkPurpose.RECONNECT, EXPIRES, NOW));

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

  /**
   * The landing page says until when the link works, and no longer claims that nobody else can use
   * it (whoever holds the link can).
   */
  @Test
  void landingSaysWhenTheLinkExpires() {
    String html =
        ConnectPages.landing(new LinkLanding(null, "Acme", LinkPurpose.CONNECT, EXPIRES, NOW))
            .bodyHtml();

    assertThat(html).contains("13 Dec 2026, 10:00 UTC (in 7 days)").doesNotContain("Nobody else");
    assertThat(ConnectPages.expiry(EXPIRES, EXPIRES.minusSeconds(7 * 86400 - 60)))
        .endsWith("(in 7 days)");
    assertThat(ConnectPages.expiry(EXPIRES, EXPIRES.minusSeconds(3 * 3600)))
        .endsWith("(in 3 hours)");
  }

  /** Deny, a refused code, FreeAgent failing and our own failure each offer Try again. */
  @Test
  void errorPagesOfferTryAgain() {
    for (ConnectOutcome outcome :
        new ConnectOutcome[] {
          ConnectOutcome.DECLINED,
          ConnectOutcome.CODE_REJECTED,
          ConnectOutcome.PROVIDER_UNAVAILABLE,
          ConnectOutcome.PROVIDER_ERROR
        }) {
      String html =
          ConnectPages.document(ConnectPages.refusal(outcome, "Acme"), "/ctx", Branding.NONE);
      assertThat(html)
          .as(outcome.name())
          .contains("<form method=\"post\" action=\"/ctx/connect/again\">")
          .contains("id=\"tryAgain\"");
    }
    assertThat(ConnectPages.document(ConnectPages.internalError(), "", Branding.NONE))
        .contains("tryAgain");
    assertThat(
            ConnectPages.document(
                ConnectPages.refusal(ConnectOutcome.LINK_USED, "Acme"), "", Branding.NONE))
        .doesNotContain("tryAgain");
  }

  /**
   * The pages name the SaaS (escaped), its support contact and a way back, and never Token Warden.
   */
  @Test
  void pagesCarryTheSaasNotTokenWarden() {
    Branding branding =
        new Branding("Ledger & Co", "https://app.example.com/settings", "help@example.com");
    String html =
        ConnectPages.document(ConnectPages.refusal(ConnectOutcome.DECLINED, "Acme"), "", branding);

    assertThat(html)
        .contains("<title>You did not allow access - Ledger &amp; Co</title>")
        .contains("Questions? Contact help@example.com.")
        .contains("<a id=\"returnLink\" href=\"https://app.example.com/settings\">")
        .contains("Return to Ledger &amp; Co")
        .doesNotContain("Token Warden");
    assertThat(ConnectPages.document(ConnectPages.notFound(), "", Branding.NONE))
        .doesNotContain("Token Warden")
        .doesNotContain("returnLink");
  }
}
