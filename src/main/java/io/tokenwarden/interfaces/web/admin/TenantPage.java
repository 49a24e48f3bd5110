package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.TenantDetails;
import io.tokenwarden.application.admin.TenantFacts;
import io.tokenwarden.application.onboarding.IssuedLink;
import io.tokenwarden.application.onboarding.OnboardingLinkService;
import io.tokenwarden.application.onboarding.OnboardingLinkSummary;
import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.application.tenants.UnknownTenantException;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.LinkPurpose;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.Tenant;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.primefaces.PrimeFaces;

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

  @Inject RefreshService refresh;

  @Inject OnboardingLinkService links;

  @Inject TimeDisplay time;

  @Inject ConsoleUser user;

  private String slug;
  private TenantFacts facts;
  private AuditTrailModel audit;
  private List<OnboardingLinkSummary> linkRows = List.of();
  private IssuedLink newLink;
  private String newName;
  private String confirmSlug;
  private boolean deleteRefused;

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
      linkRows = links.links(facts.tenant().id());
    }
  }

  @AdminOnly
  public void refreshNow() {
    if (requireTenant()) {
      try {
        tenants.noteRefreshAsked(tenantId(), "Refresh now (console, by " + user.getName() + ")");
        RefreshResult result = refresh.refreshNow(tenantId(), RefreshTrigger.MANUAL);
        reload();
        if (result.refreshed()) {
          Feedback.done(refreshedSentence());
        } else {
          Feedback.problem("Not refreshed: " + nullToEmpty(result.message()));
        }
      } catch (RuntimeException e) {
        Feedback.problem("Refresh failed: " + e.getMessage());
        reload();
      }
    }
  }

  /** Issues a new link; issuing revokes the tenant's other usable links, so this regenerates. */
  @AdminOnly
  public void issueLink(boolean reconnect) {
    if (requireTenant()) {
      LinkPurpose purpose = reconnect ? LinkPurpose.RECONNECT : LinkPurpose.CONNECT;
      try {
        newLink = links.issue(tenantId(), purpose, user.actor());
        // The link is shown at the top of the tenant's card; bring it into view with its field.
        PrimeFaces.current().scrollTo("newLinkForm");
      } catch (RuntimeException e) {
        Feedback.problem("The link could not be created: " + e.getMessage());
      }
      reload();
    }
  }

  @AdminOnly
  public void revokeLink(UUID linkId) {
    if (requireTenant()) {
      if (links.revoke(tenantId(), linkId, user.actor())) {
        Feedback.done("Link revoked; it no longer opens.");
      } else {
        Feedback.problem("That link was already used, revoked or removed.");
      }
      newLink = null;
      reload();
    }
  }

  /**
   * Whether the one link action sends a reconnect link: the tenant was connected before (any status
   * but Pending), so the tenant's page says "Reconnect".
   */
  public boolean isSendsReconnect() {
    FreeAgentConnection connection = getConnection();
    return connection != null && connection.status() != ConnectionStatus.PENDING;
  }

  /** Forgets the link shown once. */
  public void dismissLink() {
    newLink = null;
  }

  @AdminOnly
  public void rename() {
    if (requireTenant()) {
      try {
        tenants.rename(tenantId(), newName, user.actor());
        Feedback.done("Renamed to " + newName.strip() + ".");
      } catch (IllegalArgumentException e) {
        Feedback.problemAt("actions:newName", e.getMessage());
      } catch (UnknownTenantException e) {
        Feedback.problem(e.getMessage());
      }
      reload();
    }
  }

  @AdminOnly
  public void disconnect() {
    if (requireTenant()) {
      try {
        if (tenants.disconnect(tenantId(), user.actor())) {
          Feedback.done(
              "Disconnected: the stored tokens were erased. Send a reconnect link to connect"
                  + " again.");
        } else {
          Feedback.done("Already disconnected; nothing changed.");
        }
      } catch (RuntimeException e) {
        Feedback.problem("Could not disconnect: " + e.getMessage());
      }
      reload();
    }
  }

  /**
   * Deletes the tenant with its audit trail, once the operator has typed its slug: a confirm button
   * alone is pressed too easily for something that cannot be undone.
   */
  @AdminOnly
  public void delete() throws IOException {
    if (requireTenant()) {
      String deletedSlug = facts.tenant().slug().value();
      if (confirmSlug == null || !deletedSlug.equals(confirmSlug.strip())) {
        Feedback.problem(
            "Nothing was deleted: type the slug " + deletedSlug + " to confirm the deletion.");
        confirmSlug = null;
        deleteRefused = true;
        return;
      }
      tenants.delete(tenantId(), user.actor());
      ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
      external.redirect(
          external.getRequestContextPath()
              + "/admin/?deleted="
              + URLEncoder.encode(deletedSlug, StandardCharsets.UTF_8));
    }
  }

  /** One sentence with a readable time, from the connection as now stored. */
  private String refreshedSentence() {
    FreeAgentConnection connection = facts == null ? null : facts.connection();
    if (connection == null || connection.accessExpiresAt() == null) {
      return "Refreshed.";
    }
    return "Refreshed: the new access token is valid until "
        + time.inSentence(connection.accessExpiresAt())
        + ".";
  }

  /**
   * A link's one telling moment: when it was used or revoked, else when it expires (or expired);
   * "Expires in 7 d" on a link used an hour ago said the wrong thing.
   */
  public String linkTiming(OnboardingLinkSummary link) {
    if (link.consumedAt() != null) {
      return "Used " + time.relative(link.consumedAt());
    }
    if (link.revokedAt() != null) {
      return "Revoked " + time.relative(link.revokedAt());
    }
    return (time.isFuture(link.expiresAt()) ? "Expires " : "Expired ")
        + time.relative(link.expiresAt());
  }

  /** The moment {@link #linkTiming} describes, for its tooltip. */
  public Instant linkMoment(OnboardingLinkSummary link) {
    if (link.consumedAt() != null) {
      return link.consumedAt();
    }
    return link.revokedAt() != null ? link.revokedAt() : link.expiresAt();
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

  /** The word the page uses for a link's purpose. */
  public String purposeWord(LinkPurpose purpose) {
    return purpose == LinkPurpose.RECONNECT ? "Reconnect" : "Onboarding";
  }

  /** Whether the page offers to revoke a link: not used and not revoked (expired ones too). */
  public boolean revocable(OnboardingLinkSummary link) {
    return link.consumedAt() == null && link.revokedAt() == null;
  }

  /** Refresh now only where there is a grant to refresh: not Pending, Disconnected or lost. */
  public boolean isRefreshable() {
    FreeAgentConnection connection = getConnection();
    return connection != null
        && switch (connection.status()) {
          case CONNECTED, REFRESH_FAILING, THROTTLED -> true;
          case PENDING, NEEDS_RECONNECT, DISCONNECTED -> false;
        };
  }

  /** Disconnect only where tokens are stored: not Pending, not already Disconnected. */
  public boolean isDisconnectable() {
    FreeAgentConnection connection = getConnection();
    return connection != null
        && connection.status() != ConnectionStatus.PENDING
        && connection.status() != ConnectionStatus.DISCONNECTED;
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

  public List<OnboardingLinkSummary> getLinks() {
    return linkRows;
  }

  public IssuedLink getNewLink() {
    return newLink;
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  /** Whether the last Delete was refused because the typed slug did not match. */
  public boolean isDeleteRefused() {
    return deleteRefused;
  }

  public String getConfirmSlug() {
    return confirmSlug;
  }

  public void setConfirmSlug(String confirmSlug) {
    this.confirmSlug = confirmSlug;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }
}
