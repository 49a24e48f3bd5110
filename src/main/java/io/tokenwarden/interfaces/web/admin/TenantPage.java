package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.TenantDetails;
import io.tokenwarden.application.admin.TenantFacts;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.application.tenants.UnknownTenantException;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.Tenant;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * One tenant's page (/admin/tenant.xhtml?slug=…): its connection facts, its audit trail, and the
 * operator's actions on it (refresh now, links, rename, disconnect, delete). Each action re-reads
 * the facts so the page shows what the database now holds.
 */
@Named
@ViewScoped
public class TenantPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TenantDetails details;

  @Inject TenantService tenants;

  @Inject RefreshNowAction refresh;

  @Inject OnboardingLinkActions links;

  private String slug;
  private TenantFacts facts;
  private AuditTrailModel audit;
  private List<OnboardingLinkActions.LinkRow> linkRows = List.of();
  private OnboardingLinkActions.NewLink newLink;
  private String newName;

  /** f:viewAction on GET: loads the tenant named by the slug parameter. */
  public void load() {
    reload();
    if (facts == null) {
      Feedback.problem(
          "No tenant '" + (slug == null ? "" : slug) + "' exists. It may have been deleted.");
    }
  }

  private void reload() {
    facts = slug == null ? null : details.bySlug(slug).orElse(null);
    if (facts != null) {
      audit = new AuditTrailModel(details, facts.tenant().id());
      newName = facts.tenant().displayName();
      linkRows = links.available() ? links.links(facts.tenant().id()) : List.of();
    }
  }

  @AdminOnly
  public void refreshNow() {
    if (requireTenant()) {
      try {
        RefreshNowResult result = refresh.refreshNow(tenantId());
        if (result.refreshed()) {
          Feedback.done("Refreshed. " + nullToEmpty(result.message()));
        } else {
          Feedback.problem("Not refreshed: " + nullToEmpty(result.message()));
        }
      } catch (RuntimeException e) {
        Feedback.problem("Refresh failed: " + e.getMessage());
      }
      reload();
    }
  }

  @AdminOnly
  public void issueLink(boolean reconnect) {
    if (requireTenant()) {
      try {
        newLink = links.issue(tenantId(), reconnect);
        Feedback.done(
            (reconnect ? "Reconnect" : "Onboarding")
                + " link created; copy it now, it is shown only once.");
      } catch (RuntimeException e) {
        Feedback.problem("The link could not be created: " + e.getMessage());
      }
      reload();
    }
  }

  @AdminOnly
  public void revokeLink(UUID linkId) {
    if (requireTenant()) {
      if (links.revoke(tenantId(), linkId)) {
        Feedback.done("Link revoked; it no longer opens.");
      } else {
        Feedback.problem("That link was already used, revoked or removed.");
      }
      newLink = null;
      reload();
    }
  }

  /** Forgets the link shown once. */
  public void dismissLink() {
    newLink = null;
  }

  @AdminOnly
  public void rename() {
    if (requireTenant()) {
      try {
        tenants.rename(tenantId(), newName);
        Feedback.done("Renamed to " + newName.strip() + ".");
      } catch (IllegalArgumentException | UnknownTenantException e) {
        Feedback.problem(e.getMessage());
      }
      reload();
    }
  }

  @AdminOnly
  public void disconnect() {
    if (requireTenant()) {
      try {
        tenants.disconnect(tenantId());
        Feedback.done(
            "Disconnected: the stored tokens were erased. Send a reconnect link to connect again.");
      } catch (RuntimeException e) {
        Feedback.problem("Could not disconnect: " + e.getMessage());
      }
      reload();
    }
  }

  @AdminOnly
  public void delete() throws IOException {
    if (requireTenant()) {
      String deletedSlug = facts.tenant().slug().value();
      if (tenants.delete(tenantId())) {
        Feedback.doneAfterRedirect("Tenant " + deletedSlug + " deleted with its history.");
      } else {
        Feedback.doneAfterRedirect("Tenant " + deletedSlug + " was already deleted.");
      }
      ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
      external.redirect(external.getRequestContextPath() + "/admin/");
    }
  }

  private boolean requireTenant() {
    if (facts == null) {
      Feedback.problem("This tenant no longer exists; go back to the tenants list.");
      return false;
    }
    return true;
  }

  private UUID tenantId() {
    return facts.tenant().id();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  public boolean isFound() {
    return facts != null;
  }

  public Tenant getTenant() {
    return facts == null ? null : facts.tenant();
  }

  public FreeAgentConnection getConnection() {
    return facts == null ? null : facts.connection();
  }

  public AuditTrailModel getAudit() {
    return audit;
  }

  public List<OnboardingLinkActions.LinkRow> getLinks() {
    return linkRows;
  }

  public OnboardingLinkActions.NewLink getNewLink() {
    return newLink;
  }

  public boolean isRefreshAvailable() {
    return refresh.available();
  }

  public boolean isLinksAvailable() {
    return links.available();
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }
}
