package io.tokenwarden.domain;

import java.util.Objects;

/**
 * What FreeAgent says about the company and user behind a grant ({@code /v2/company} and {@code
 * /v2/users/me}); shown to the operator and used to spot a reconnect to another company.
 */
public record CompanyFacts(
    String companyId,
    String companyName,
    String companySubdomain,
    String userEmail,
    Integer userPermissionLevel) {

  public CompanyFacts {
    Objects.requireNonNull(companyId, "companyId");
  }
}
