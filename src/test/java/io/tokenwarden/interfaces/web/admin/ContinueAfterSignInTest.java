package io.tokenwarden.interfaces.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After signing in, back to the console page asked for, and never anywhere else. */
class ContinueAfterSignInTest {

  /** A tenant page asked for from a bookmark is where the person lands, query kept. */
  @Test
  void continuesToTheConsolePageAskedFor() {
    assertThat(
            ContinueAfterSignIn.target(
                "http://localhost:9080/admin/tenant.xhtml?slug=acme-ltd", ""))
        .isEqualTo("/admin/tenant.xhtml?slug=acme-ltd");
    assertThat(
            ContinueAfterSignIn.target(
                "http%3A%2F%2Fhost%2Fapp%2Fadmin%2Ftenant.xhtml%3Fslug%3Dacme", "/app"))
        .isEqualTo("/admin/tenant.xhtml?slug=acme");
  }

  /** Nothing saved, another site, or a path outside the console: the tenants page. */
  @Test
  void anythingElseGoesToTheTenantsPage() {
    assertThat(ContinueAfterSignIn.target(null, "")).isEqualTo("/admin/");
    assertThat(ContinueAfterSignIn.target("https://evil.example/steal", "")).isEqualTo("/admin/");
    assertThat(ContinueAfterSignIn.target("http://localhost/api/v1/tenants", ""))
        .isEqualTo("/admin/");
    assertThat(ContinueAfterSignIn.target("http://localhost/admin/../api", ""))
        .isEqualTo("/admin/");
    assertThat(ContinueAfterSignIn.target("http://[bad", "")).isEqualTo("/admin/");
  }
}
