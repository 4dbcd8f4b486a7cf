// Portal actions beyond the subscriptions list: invitation resend, the signature editor link,
// the billing screen (summary, invoices, downloads) and the audit log.
#include <emscripten.h>

#include "portal/app.h"
#include "platform/platform.h"
#include "platform/tr.h"
#include "signet/api/accounts.h"
#include "signet/api/billing.h"
#include "signet/json_mapping.h"

namespace portal {

using signet::phrase;

const char* const kAuditActions[7] = {"All actions", "session.", "subscription.", "invitation.",
                                      "directory.", "template.", "billing."};

// 0: go there in this tab; 1: open in a new tab; 2: download (attachment) without leaving.
EM_JS(void, signet_portal_open_url, (const char* url, int mode), {
  var u = UTF8ToString(url);
  if (mode == 1) {
    window.open(u, '_blank', 'noopener');
  } else if (mode == 2) {
    var a = document.createElement('a');
    a.href = u;
    a.setAttribute("download", "");
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } else {
    window.location.assign(u);
  }
});

void open_url(const std::string& url, int mode) { signet_portal_open_url(url.c_str(), mode); }

// ---- detail panel extras ----

void App::resend_invitation() {
  if (!list.selected || detail.resending) return;
  const int64_t id = list.selected->id;
  const std::string email = list.selected->contact_email;
  detail.resending = true;
  detail.resend_error.clear();
  detail.info.clear();
  api("POST", "/api/subscriptions/" + std::to_string(id) + "/invitation", nullptr,
      [this, id, email](const net::Response& r) {
        detail.resending = false;
        if (r.ok()) {
          if (list.selected && list.selected->id == id)
            detail.info = trf("A new invitation was sent to {email}. The previous link no longer works.",
                              {{"email", email}});
          show_toast(trf("Invitation sent again to {email}.", {{"email", email}}));
          // Fresh invitation state and delivery.
          api("GET", "/api/subscriptions/" + std::to_string(id), nullptr, [this](const net::Response& g) {
            if (!g.ok()) return;
            if (auto s = signet::subscription_from_json(g.body)) {
              for (auto& [page, rows] : list.pages)
                for (auto& row : rows)
                  if (row.id == s->id) row = *s;
              if (list.selected && list.selected->id == s->id) list.selected = *s;
            }
          });
          return;
        }
        if (!list.selected || list.selected->id != id) return;
        if (r.status == 429)
          fail(detail.resend_error, std::string(tr("This invitation was sent too often in the last hour.")) + " " +
                                        trm(r.message_or(phrase("Please try again later."))));
        else if (r.status == 409)
          fail(detail.resend_error, r.message_or(phrase("This invitation cannot be sent again.")));
        else
          fail(detail.resend_error, r.message_or(phrase("Could not send the invitation.")));
      });
}

void App::open_editor() {
  if (!list.selected) return;
  signet_portal_open_url(("/editor/?subscription=" + std::to_string(list.selected->id)).c_str(), 0);
}

// ---- billing ----

void App::load_billing() {
  billing.error.clear();
  billing.summary_loading = true;
  api("GET", "/api/billing/summary?days=" + std::to_string(billing.days), nullptr,
      [this, days = billing.days](const net::Response& r) {
        if (days != billing.days) return;  // the toggle changed meanwhile
        billing.summary_loading = false;
        auto summary = r.ok() ? signet::billing_summary_from_json(r.body) : std::nullopt;
        if (!summary) {
          fail(billing.error, r.message_or(phrase("Could not load the billing summary.")));
          return;
        }
        billing.summary_loaded = true;
        billing.summary = std::move(*summary);
      });
  billing.invoices_loading = true;
  api("GET", "/api/billing/invoices", nullptr, [this](const net::Response& r) {
    billing.invoices_loading = false;
    auto invoices = r.ok() ? signet::invoice_list_from_json(r.body) : std::nullopt;
    if (!invoices) {
      fail(billing.error, r.message_or(phrase("Could not load the invoices.")));
      return;
    }
    billing.invoices_loaded = true;
    billing.invoices = std::move(*invoices);
  });
  if (billing.open_invoice_id) open_invoice(billing.open_invoice_id);
}

void App::set_billing_days(int days) {
  if (days == billing.days) return;
  billing.days = days;
  billing.summary.upcoming.clear();
  billing.summary_loaded = false;
  load_billing();
}

void App::open_invoice(int64_t id) {
  billing.open_invoice_id = id;
  if (!billing.invoice || billing.invoice->id != id) billing.invoice.reset();
  billing.invoice_loading = true;
  api("GET", "/api/billing/invoices/" + std::to_string(id), nullptr, [this, id](const net::Response& r) {
    if (billing.open_invoice_id != id) return;
    billing.invoice_loading = false;
    auto invoice = r.ok() ? signet::invoice_from_json(r.body) : std::nullopt;
    if (!invoice) {
      fail(billing.error, r.message_or(phrase("Could not load the invoice.")));
      billing.open_invoice_id = 0;
      return;
    }
    billing.invoice = std::move(invoice);
  });
}

void App::close_invoice() {
  billing.open_invoice_id = 0;
  billing.invoice.reset();
  billing.invoice_loading = false;
}

void App::download_invoice(int64_t id, bool csv) {
  const std::string url = "/api/billing/invoices/" + std::to_string(id) + (csv ? "/csv" : "/html");
  signet_portal_open_url(url.c_str(), csv ? 2 : 1);
}

// ---- audit log ----

static std::string audit_query(const AuditState& a) {
  std::string q;
  if (a.action_filter > 0) q += "action=" + net::url_encode(kAuditActions[a.action_filter]);
  if (!a.applied_q.empty()) q += std::string(q.empty() ? "" : "&") + "q=" + net::url_encode(a.applied_q);
  return q;
}

void App::load_audit(bool more) {
  if (more && (audit.loading || audit.items.empty())) return;
  std::string url = "/api/audit";
  std::string q = audit_query(audit);
  if (more) q += std::string(q.empty() ? "" : "&") + "before=" + std::to_string(audit.items.back().id);
  if (!q.empty()) url += "?" + q;
  if (!more) ++audit.generation;
  audit.loading = true;
  audit.error.clear();
  int gen = audit.generation;
  api("GET", url, nullptr, [this, gen, more](const net::Response& r) {
    if (gen != audit.generation) return;
    audit.loading = false;
    auto page = r.ok() ? signet::audit_page_from_json(r.body) : std::nullopt;
    if (!page) {
      fail(audit.error, r.message_or(phrase("Could not load the audit log.")));
      return;
    }
    if (!more) audit.items.clear();
    audit.more = page->size() >= 200;
    audit.items.insert(audit.items.end(), page->begin(), page->end());
    audit.loaded = true;
  });
}

void App::apply_audit_search_now() {
  audit.search_edited_at = -1;
  std::string q = audit.search;
  while (!q.empty() && q.back() == ' ') q.pop_back();
  while (!q.empty() && q.front() == ' ') q.erase(0, 1);
  if (q == audit.applied_q) return;
  audit.applied_q = q;
  load_audit();
}

void App::set_audit_action(int index) {
  if (index == audit.action_filter) return;
  audit.action_filter = index;
  load_audit();
}

std::string App::audit_csv_url() const {
  std::string q = audit_query(audit);
  return "/api/audit?format=csv" + (q.empty() ? std::string() : "&" + q);
}

}  // namespace portal
