package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.application.apikeys.IssuedApiKey;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.domain.ApiClient;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.domain.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The API keys page (/admin/api-keys.xhtml): every key's name, kind, scope, prefix, creation and
 * last use; creating a key (shown once, then only its prefix) and revoking one.
 */
@Named
@ViewScoped
public class ApiKeysPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ApiKeyService keys;

  @Inject TenantService tenants;

  @Inject ConsoleUser user;

  private List<ApiClient> list;
  private final Map<UUID, String> scopeSlugs = new HashMap<>();
  private String newName;
  private ApiKeyKind newKind = ApiKeyKind.TOKEN;
  private String newScopeSlug;
  private String issuedKey;
  private String issuedName;

  @PostConstruct
  void init() {
    reload();
  }

  private void reload() {
    list = keys.list();
    for (ApiClient client : list) {
      if (client.scopeTenantId() != null) {
        scopeSlugs.computeIfAbsent(
            client.scopeTenantId(),
            id -> tenants.findById(id).map(t -> t.slug().value()).orElse("(deleted tenant)"));
      }
    }
  }

  @AdminOnly
  public void create() {
    UUID scope = null;
    if (newKind == ApiKeyKind.TOKEN && newScopeSlug != null && !newScopeSlug.isBlank()) {
      Optional<Tenant> tenant = tenants.findBySlug(newScopeSlug.strip());
      if (tenant.isEmpty()) {
        Feedback.problemAt(
            "createKey:scope",
            "No tenant '" + newScopeSlug.strip() + "' exists; leave the scope empty for all.");
        return;
      }
      scope = tenant.get().id();
    }
    if (newKind == null) {
      Feedback.problemAt("createKey:kind", "Choose a kind: TOKEN or ADMIN.");
      return;
    }
    try {
      IssuedApiKey issued = keys.issue(newName, newKind, scope, null, user.actor());
      issuedKey = issued.plainKey();
      issuedName = issued.client().name();
      newName = null;
      newScopeSlug = null;
    } catch (IllegalArgumentException e) {
      Feedback.problemAt("createKey:name", e.getMessage());
    }
    reload();
  }

  @AdminOnly
  public void revoke(ApiClient client) {
    if (keys.revoke(client.id(), user.actor())) {
      Feedback.done("Key " + client.name() + " revoked; it no longer works.");
    } else {
      Feedback.problem("That key no longer exists.");
    }
    reload();
  }

  /** Forgets the key shown once. */
  public void dismissKey() {
    issuedKey = null;
    issuedName = null;
  }

  public String scopeOf(ApiClient client) {
    if (client.kind() == ApiKeyKind.ADMIN) {
      return "administration";
    }
    return client.scopeTenantId() == null
        ? "all tenants"
        : "tenant " + scopeSlugs.getOrDefault(client.scopeTenantId(), "?");
  }

  public List<ApiClient> getList() {
    return list;
  }

  public ApiKeyKind[] getKinds() {
    return ApiKeyKind.values();
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public ApiKeyKind getNewKind() {
    return newKind;
  }

  public void setNewKind(ApiKeyKind newKind) {
    this.newKind = newKind;
  }

  public String getNewScopeSlug() {
    return newScopeSlug;
  }

  public void setNewScopeSlug(String newScopeSlug) {
    this.newScopeSlug = newScopeSlug;
  }

  public String getIssuedKey() {
    return issuedKey;
  }

  public String getIssuedName() {
    return issuedName;
  }
}
