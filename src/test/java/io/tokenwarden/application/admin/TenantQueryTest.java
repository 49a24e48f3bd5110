package io.tokenwarden.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tenants table's search text becomes a safe, case-insensitive LIKE pattern. */
class TenantQueryTest {

  /** LIKE wildcards typed by the operator match literally; blank text means no text filter. */
  @Test
  void wildcardsAreEscapedAndBlankIsNoFilter() {
    assertThat(new TenantQuery("Acme_50%", null, null, true).likePattern())
        .isEqualTo("%acme!_50!%%");
    assertThat(new TenantQuery("  ", null, null, true).text()).isNull();
    assertThat(new TenantQuery(null, null, null, true).sort()).isEqualTo(TenantSort.SLUG);
  }

  /** Unknown sort fields fall back to the slug, so no input reaches the query text. */
  @Test
  void sortIsWhitelisted() {
    assertThat(TenantSort.forProperty("nextRefreshAt")).isEqualTo(TenantSort.NEXT_REFRESH);
    assertThat(TenantSort.forProperty("t.slug; drop table tenant")).isEqualTo(TenantSort.SLUG);
  }
}
