// Billing screen: monthly recurring total, upcoming payments (next 30/90 days), the invoice
// list and one invoice's detail with its lines, subtotal, VAT, total and the downloads.
#include <algorithm>

#include "platform/theme.h"
#include "portal/format.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

void text_right(const std::string& s) {
  float w = ImGui::CalcTextSize(s.c_str()).x;
  float col = ImGui::GetContentRegionAvail().x;
  if (col > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + col - w);
  ui::text(s.c_str());
}

void bold_text(const char* s) {
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ui::text(s);
  ImGui::PopFont();
}

bool begin_card(const char* id, ImVec2 size) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(platform::px(22), platform::px(18)));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, platform::px(10));
  bool r = ImGui::BeginChild(id, size, true);
  return r;
}
void end_card() {
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

std::string money(int64_t cents) { return signet::format_money(cents, platform::ui_language()); }

// A table cell's text; the full text as a tooltip when the column cuts it off.
void cell_text(const std::string& s) {
  ImGui::AlignTextToFramePadding();
  ui::text(s.c_str());
  if (ImGui::IsItemHovered() && ImGui::CalcTextSize(s.c_str()).x > ImGui::GetColumnWidth())
    ImGui::SetTooltip("%s", s.c_str());
}

void header_row(std::initializer_list<const char*> names) {
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::GetFrameHeight());
  int c = 0;
  for (const char* n : names) {
    ImGui::TableSetColumnIndex(c++);
    ImGui::TableHeader(n);
  }
  ImGui::PopFont();
}

void summary_card(App& a, ImVec2 size) {
  BillingState& B = a.billing;
  const auto& k = theme::colors();
  begin_card("##mrr", size);
  ui::label_text(tr("Monthly recurring"));
  ImGui::PushFont(platform::font(platform::FontRole::Title));
  ImGui::PushStyleColor(ImGuiCol_Text, k.text);
  std::string mrr = B.summary_loaded ? money(B.summary.monthly_recurring_cents) : std::string("…");
  ui::text(mrr.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  test_hooks::name_last_item("billing:mrr", mrr.c_str());
  const std::string note = B.summary.vat_basis_points
      ? trf("Per month for all active subscriptions, excluding VAT ({vat}).", {{"vat", format_percent(B.summary.vat_basis_points)}})
      : std::string(tr("Per month for all active subscriptions, excluding VAT."));
  ui::muted_text(note.c_str(), true);
  end_card();
}

void upcoming_card(App& a, ImVec2 size) {
  BillingState& B = a.billing;
  begin_card("##upcoming", size);
  ui::label_text(tr("Upcoming payments"));
  float bw = ui::button_width(trf("Next {n} days", {{"n", "90"}}).c_str());
  for (int days : {30, 90}) {
    std::string label = trf("Next {n} days", {{"n", std::to_string(days)}});
    const bool on = B.days == days;
    bool pressed = on ? ui::primary_button(label.c_str(), true, ImVec2(bw, 0))
                      : ui::secondary_button(label.c_str(), true, ImVec2(bw, 0));
    if (pressed) a.set_billing_days(days);
    if (days == 30) same_line_if_fits(bw, platform::px(8));
  }
  int64_t sum = 0;
  for (const auto& u : B.summary.upcoming) sum += u.amount_cents;
  std::string total = tr("Loading…");
  if (B.summary_loaded) {
    const std::string amount = money(sum), days = std::to_string(B.days);
    total = B.summary.upcoming.size() == 1
                ? trf("{amount} in 1 payment over the next {days} days (excl. VAT)", {{"amount", amount}, {"days", days}})
                : trf("{amount} in {n} payments over the next {days} days (excl. VAT)",
                      {{"amount", amount},
                       {"n", signet::format_count((long long)B.summary.upcoming.size(), platform::ui_language())},
                       {"days", days}});
  }
  ImGui::Dummy(ImVec2(0, platform::px(2)));
  if (!B.summary.upcoming.empty() || !B.summary_loaded) {
    ui::muted_text(total.c_str(), true);
    test_hooks::name_last_item("billing:upcoming-total", total.c_str());
  }
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (B.summary_loaded && B.summary.upcoming.empty()) {
    const std::string none = trf("No payments are due in the next {days} days.", {{"days", std::to_string(B.days)}});
    ui::muted_text(none.c_str(), true);
    test_hooks::name_last_item("billing:upcoming-total", none.c_str());
  } else if (ImGui::BeginTable("upcoming", 3,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                   ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                               ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("Customer"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("Date"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("Amount"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    header_row({tr("Customer"), tr("Date"), tr("Amount")});
    for (const auto& u : B.summary.upcoming) {
      ImGui::TableNextRow(0, ImGui::GetFrameHeight());
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      ui::text(u.customer_name.c_str());
      std::string when = format_date(u.date), amount = money(u.amount_cents);
      test_hooks::name_last_item(("upcoming:" + u.customer_name).c_str(), (when + " " + amount).c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::AlignTextToFramePadding();
      ui::text(when.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::AlignTextToFramePadding();
      text_right(amount);
    }
    ImGui::EndTable();
  }
  end_card();
}

void invoice_list(App& a) {
  BillingState& B = a.billing;
  ui::label_text(tr("Invoices"));
  ui::muted_text(tr("One invoice per billing run: renewals and prorated seat changes."), true);
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (B.invoices_loaded && B.invoices.empty()) {
    ui::muted_text(tr("No invoices yet. The first one is issued on the first renewal date of your subscriptions."), true);
    test_hooks::name_last_item("invoices-empty");
    return;
  }
  if (!ImGui::BeginTable("invoices", 5,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_SizingStretchProp,
                         ImGui::GetContentRegionAvail()))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Invoice"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn(tr("Issued"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr("Period"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(tr("Lines"), ImGuiTableColumnFlags_WidthStretch, 0.5f);
  ImGui::TableSetupColumn(tr("Total"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  header_row({tr("Invoice"), tr("Issued"), tr("Period"), tr("Lines"), tr("Total")});
  for (const auto& inv : B.invoices) {
    ImGui::TableNextRow(0, ImGui::GetFrameHeight());
    ImGui::TableSetColumnIndex(0);
    ImGui::PushID((int)inv.id);
    const float x = ImGui::GetCursorPosX();
    if (ImGui::Selectable("##inv", false,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                          ImVec2(0, ImGui::GetFrameHeight())))
      a.open_invoice(inv.id);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const std::string total = money(inv.total_cents);
    test_hooks::name_last_item(("invoice:" + std::to_string(inv.number)).c_str(), total.c_str());
    ImGui::SameLine(0, 0);
    ImGui::SetCursorPosX(x);
    ImGui::AlignTextToFramePadding();
    ui::text(("#" + std::to_string(inv.number)).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::AlignTextToFramePadding();
    ui::text(format_date(inv.issued_on).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::AlignTextToFramePadding();
    ui::text(format_period(inv.period_start, inv.period_end).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::AlignTextToFramePadding();
    ui::text(std::to_string(inv.line_count).c_str());
    ImGui::TableSetColumnIndex(4);
    ImGui::AlignTextToFramePadding();
    text_right(total);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void invoice_detail(App& a) {
  BillingState& B = a.billing;
  const auto& k = theme::colors();
  if (ui::link_button(tr("← All invoices"))) {
    a.close_invoice();
    return;
  }
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (!B.invoice) {
    ui::spinner(10);
    return;
  }
  const signet::Invoice& inv = *B.invoice;
  ui::heading(trf("Invoice #{number}", {{"number", std::to_string(inv.number)}}).c_str());
  test_hooks::name_last_item("invoice-title", std::to_string(inv.number).c_str());
  ui::muted_text(trf("Issued {date} · period {period}",
                     {{"date", format_date(inv.issued_on)}, {"period", format_period(inv.period_start, inv.period_end)}})
                     .c_str(),
                 true);
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (ui::secondary_button(tr("Download CSV"))) a.download_invoice(inv.id, true);
  same_line_if_fits(ui::button_width(tr("Printable invoice")), platform::px(10));
  if (ui::secondary_button(tr("Printable invoice"))) a.download_invoice(inv.id, false);
  ImGui::Dummy(ImVec2(0, platform::px(6)));

  const float totals_h = ImGui::GetTextLineHeightWithSpacing() * 3 + platform::px(24);
  ImVec2 table_size(ImGui::GetContentRegionAvail().x,
                    std::max(platform::px(80), ImGui::GetContentRegionAvail().y - totals_h));
  if (ImGui::BeginTable("lines", 5,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp,
                        table_size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("Customer"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(tr("Description"), ImGuiTableColumnFlags_WidthStretch, 2.8f);
    ImGui::TableSetupColumn(tr("Users"), ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn(tr("Period"), ImGuiTableColumnFlags_WidthStretch, 1.7f);
    ImGui::TableSetupColumn(tr("Amount"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    header_row({tr("Customer"), tr("Description"), tr("Users"), tr("Period"), tr("Amount")});
    for (const auto& l : inv.lines) {
      ImGui::TableNextRow(0, ImGui::GetFrameHeight());
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      ui::text(l.customer_name.c_str());
      const std::string amount = money(l.amount_cents);
      test_hooks::name_last_item(("invoice-line:" + l.customer_name).c_str(),
                                 (users_text(l.user_count) + " · " + amount).c_str());
      ImGui::TableSetColumnIndex(1);
      cell_text(trm(l.description));  // the server's English text; Dutch when a phrase matches
      ImGui::TableSetColumnIndex(2);
      cell_text(signet::format_count(l.user_count, platform::ui_language()));
      ImGui::TableSetColumnIndex(3);
      cell_text(format_period(l.period_start, l.period_end));
      ImGui::TableSetColumnIndex(4);
      ImGui::AlignTextToFramePadding();
      text_right(amount);
    }
    ImGui::EndTable();
  }
  ImGui::Dummy(ImVec2(0, platform::px(6)));
  // Totals, right-aligned.
  const float col_x = ImGui::GetContentRegionAvail().x - std::min(platform::px(300), ImGui::GetContentRegionAvail().x);
  auto total_row = [&](const char* label, const std::string& value, const char* name, bool strong) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, col_x));
    ImGui::PushStyleColor(ImGuiCol_Text, strong ? k.text : k.text_muted);
    if (strong) bold_text(label);
    else ui::text(label);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (strong) ImGui::PushFont(platform::font(platform::FontRole::Bold));
    text_right(value);
    if (strong) ImGui::PopFont();
    test_hooks::name_last_item(name, value.c_str());
  };
  total_row(tr("Subtotal"), money(inv.subtotal_cents), "invoice:subtotal", false);
  total_row(trf("VAT ({rate})", {{"rate", format_percent(inv.vat_basis_points)}}).c_str(), money(inv.vat_cents),
            "invoice:vat", false);
  total_row(tr("Total"), money(inv.total_cents), "invoice:total", true);
}

}  // namespace

void view_billing(App& a) {
  BillingState& B = a.billing;
  const float pad = page_pad();
  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(22)));
  ImGui::BeginGroup();
  ui::heading(tr("Billing"));
  test_hooks::name_last_item("billing-title");
  ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - pad);
  ui::muted_text(tr("What you pay Signet for your customers' subscriptions. Amounts in euros."), true);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (B.summary_loading || B.invoices_loading || B.invoice_loading) {
    ImGui::SameLine(0, platform::px(14));
    ui::spinner(8);
  }
  if (!B.error.empty()) {
    ImGui::SetCursorPosX(pad);
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - pad);
    ui::message(ui::Tone::Danger, trm(B.error).c_str());
    ImGui::PopTextWrapPos();
  }

  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(10)));
  ImVec2 avail(ImGui::GetWindowWidth() - pad * 2, ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - pad);
  const float gap = platform::px(narrow_layout() ? 12 : 20);
  const float mrr_h = platform::px(130);
  const ImVec2 top = ImGui::GetCursorPos();
  if (narrow_layout()) {  // a phone: the three cards under each other
    const float rest = avail.y - mrr_h - gap * 2;
    summary_card(a, ImVec2(avail.x, mrr_h));
    ImGui::SetCursorPos(ImVec2(top.x, top.y + mrr_h + gap));
    upcoming_card(a, ImVec2(avail.x, rest * 0.45f));
    ImGui::SetCursorPos(ImVec2(top.x, top.y + mrr_h + gap * 2 + rest * 0.45f));
    begin_card("##invoices", ImVec2(avail.x, rest * 0.55f));
    if (B.open_invoice_id) invoice_detail(a);
    else invoice_list(a);
    end_card();
    return;
  }
  const float left_w = std::max(platform::px(300), avail.x * 0.38f);
  const float right_w = avail.x - left_w - gap;

  summary_card(a, ImVec2(left_w, mrr_h));
  ImGui::SetCursorPos(ImVec2(top.x, top.y + mrr_h + gap));
  upcoming_card(a, ImVec2(left_w, avail.y - mrr_h - gap));
  ImGui::SetCursorPos(ImVec2(top.x + left_w + gap, top.y));
  begin_card("##invoices", ImVec2(right_w, avail.y));
  if (B.open_invoice_id) invoice_detail(a);
  else invoice_list(a);
  end_card();
}

}  // namespace portal
