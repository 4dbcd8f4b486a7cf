#include "platform/widgets.h"

#include <algorithm>
#include <cmath>

#include "imgui_internal.h"
#include "platform/platform.h"
#include "platform/theme.h"
#include "test_hooks/test_hooks.h"

namespace ui {
namespace {

struct CardFrame {
  ImVec2 origin;
  float width, pad;
};
ImVector<CardFrame> g_cards;

// Where text drawn now must stay: the clip rectangle of its window, dialog or table cell, and
// horizontally the card it is in.
ImRect current_panel() {
  ImRect panel = ImGui::GetCurrentWindow()->ClipRect;
  if (!g_cards.empty()) {
    const CardFrame& c = g_cards.back();
    panel.Min.x = std::max(panel.Min.x, c.origin.x);
    panel.Max.x = std::min(panel.Max.x, c.origin.x + c.width);
  }
  return panel;
}

// The last item was text `s`: the layout tests check it against its panel.
void text_item(const char* s) { test_hooks::text_drawn(s, ImGui::GetCurrentContext()->LastItemData.Rect, current_panel()); }

// A label centred in the last item (a button): it must fit inside it.
void label_item(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  const ImVec2 size = ImGui::CalcTextSize(label, end);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  ImRect button(a, b);
  button.ClipWith(current_panel());
  test_hooks::text_drawn(std::string(label, end).c_str(),
                         ImRect(c.x - size.x * 0.5f, c.y - size.y * 0.5f, c.x + size.x * 0.5f, c.y + size.y * 0.5f),
                         button);
}

bool styled_button(const char* label, bool enabled, ImVec2 size, const ImVec4& bg,
                   const ImVec4& hover, const ImVec4& active, const ImVec4& text,
                   const ImVec4& border) {
  ImGui::PushStyleColor(ImGuiCol_Button, bg);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
  ImGui::PushStyleColor(ImGuiCol_Text, text);
  ImGui::PushStyleColor(ImGuiCol_Border, border);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(platform::px(16), ImGui::GetStyle().FramePadding.y));
  ImGui::PushStyleVar(ImGuiStyleVar_DisabledAlpha, 0.45f);
  ImGui::BeginDisabled(!enabled);
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  bool pressed = ImGui::ButtonEx(label, size);
  label_item(label);
  ImGui::PopFont();
  ImGui::EndDisabled();
  ImGui::PopStyleVar();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
  if (enabled && ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return pressed && enabled;
}

}  // namespace

bool primary_button(const char* label, bool enabled, ImVec2 size) {
  const auto& k = theme::colors();
  return styled_button(label, enabled, size, k.accent, k.accent_hover, k.accent_active,
                       ImVec4(1, 1, 1, 1), k.accent);
}

bool secondary_button(const char* label, bool enabled, ImVec2 size) {
  const auto& k = theme::colors();
  return styled_button(label, enabled, size, k.surface, k.surface_alt, k.neutral_soft, k.text,
                       k.border);
}

bool danger_button(const char* label, bool enabled, ImVec2 size) {
  const auto& k = theme::colors();
  return styled_button(label, enabled, size, k.surface, k.danger_soft, k.danger_soft, k.danger,
                       k.border);
}

bool link_button(const char* label) {
  const auto& k = theme::colors();
  ImGui::PushStyleColor(ImGuiCol_Text, k.accent);
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
  bool pressed = ImGui::Button(label);
  label_item(label);
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, theme::u32(k.accent),
                                        platform::px(1));
  }
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(4);
  return pressed;
}

bool text_field(const char* label, const char* id, std::string& value, const std::string& error,
                TextInput options, const char* help, bool* finished_edit) {
  const auto& k = theme::colors();
  label_text(label);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - platform::px(4));
  const bool has_error = !error.empty();
  if (has_error) {
    ImGui::PushStyleColor(ImGuiCol_Border, k.danger);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, platform::px(1.5f));
  }
  if (!options.label) options.label = label;
  const bool changed = text_input(id, value, options);
  if (ImGui::IsItemActive()) {
    // Focus ring in the accent colour.
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(a, b, theme::u32(has_error ? k.danger : k.accent),
                                        ImGui::GetStyle().FrameRounding, 0, platform::px(1.5f));
  }
  if (has_error) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  // Tests read the field's content (never a password's).
  const bool secret = options.kind == Kind::CurrentPassword || options.kind == Kind::NewPassword;
  test_hooks::name_last_item(label, secret ? nullptr : value.c_str());
  if (finished_edit && ImGui::IsItemDeactivatedAfterEdit()) {
    *finished_edit = true;
    platform::mark_dirty();
  }
  const float width = options.width;
  if (has_error) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - platform::px(4));
    ImGui::PushStyleColor(ImGuiCol_Text, k.danger);
    ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0.0f);
    text(error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    test_hooks::name_last_item((std::string("error:") + label).c_str(), error.c_str());
  } else if (help) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - platform::px(4));
    ImGui::PushFont(platform::font(platform::FontRole::Small));
    ImGui::PushStyleColor(ImGuiCol_Text, k.text_muted);
    ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0.0f);
    text(help);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  ImGui::Dummy(ImVec2(0, platform::px(2)));
  return changed;
}

bool checkbox(const char* label, bool* value) {
  const auto& k = theme::colors();
  ImGui::PushStyleColor(ImGuiCol_FrameBg, *value ? k.accent : k.surface);
  ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, *value ? k.accent_hover : k.surface_alt);
  ImGui::PushStyleColor(ImGuiCol_FrameBgActive, *value ? k.accent_active : k.neutral_soft);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(platform::px(4), platform::px(4)));
  bool changed = ImGui::Checkbox(label, value);
  text_item(label);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(3);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return changed;
}

namespace {
constexpr float kBadgePadX = 10, kBadgePadY = 3, kBadgeDot = 3.5f, kBadgeGap = 6;  // CSS px
}

float badge_width(const char* text) {
  ImFont* f = platform::font(platform::FontRole::Small);
  return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text).x +
         platform::px(kBadgePadX * 2 + kBadgeDot * 2 + kBadgeGap);
}

namespace {
float tab_padding() { return platform::px(narrow_layout() ? 10 : 14); }
}

float tab_choice_width(const char* label) {
  ImFont* bold = platform::font(platform::FontRole::Bold);
  return bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label, ImGui::FindRenderedTextEnd(label)).x +
         tab_padding() * 2;
}

bool tab_choice(const char* label, bool active) {
  const auto& k = theme::colors();
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  const char* end = ImGui::FindRenderedTextEnd(label);
  const ImVec2 ts = ImGui::CalcTextSize(label, end);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size(tab_choice_width(label), ts.y + platform::px(22));
  const bool pressed = ImGui::InvisibleButton(label, size);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 at(p.x + tab_padding(), p.y + platform::px(11));
  dl->AddText(at, theme::u32(active ? k.accent : (hovered ? k.text : k.text_muted)), label, end);
  test_hooks::text_drawn(std::string(label, end).c_str(), ImRect(at, ImVec2(at.x + ts.x, at.y + ts.y)),
                         current_panel());
  if (active)
    dl->AddRectFilled(ImVec2(p.x + platform::px(6), p.y + size.y - platform::px(3)),
                      ImVec2(p.x + size.x - platform::px(6), p.y + size.y), theme::u32(k.accent),
                      platform::px(1.5f));
  ImGui::PopFont();
  return pressed;
}

void badge(const char* text, const ImVec4& bg, const ImVec4& fg) {
  ImFont* f = platform::font(platform::FontRole::Small);
  ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text);
  const float pad_x = platform::px(kBadgePadX), pad_y = platform::px(kBadgePadY), dot = platform::px(kBadgeDot);
  ImVec2 size(badge_width(text), ts.y + pad_y * 2);
  ImVec2 p = ImGui::GetCursorScreenPos();
  // Vertically centre within a frame-height line.
  float line_h = ImGui::GetFrameHeight();
  if (size.y < line_h) p.y += std::floor((line_h - size.y) * 0.5f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), theme::u32(bg), size.y * 0.5f);
  dl->AddCircleFilled(ImVec2(p.x + pad_x + dot, p.y + size.y * 0.5f), dot, theme::u32(fg), 12);
  dl->AddText(f, f->FontSize, ImVec2(p.x + pad_x + dot * 2 + platform::px(kBadgeGap), p.y + pad_y),
              theme::u32(fg), text);
  ImGui::Dummy(ImVec2(size.x, std::max(size.y, line_h)));
  text_item(text);
}

void spinner(float radius_css) {
  const float r = platform::px(radius_css);
  ImVec2 p = ImGui::GetCursorScreenPos();
  float line_h = ImGui::GetFrameHeight();
  ImVec2 c(p.x + r, p.y + std::max(r, line_h * 0.5f));
  float t = (float)(platform::now_ms() / 1000.0);
  float start = t * 6.0f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PathArcTo(c, r, start, start + 4.2f, 24);
  dl->PathStroke(theme::u32(theme::colors().accent), 0, platform::px(2.5f));
  ImGui::Dummy(ImVec2(r * 2, std::max(r * 2, line_h)));
  platform::keep_animating();
}

void message(Tone tone, const char* text) {
  const auto& k = theme::colors();
  ImVec4 bg = k.accent_soft, fg = k.accent;
  switch (tone) {
    case Tone::Info: break;
    case Tone::Success: bg = k.success_soft; fg = k.success; break;
    case Tone::Warning: bg = k.warning_soft; fg = k.warning; break;
    case Tone::Danger: bg = k.danger_soft; fg = k.danger; break;
  }
  const float pad = platform::px(12);
  float w = ImGui::GetContentRegionAvail().x;
  // Inside a card (or any block with a wrap position) stay within that width.
  const float wrap_pos = ImGui::GetCurrentWindow()->DC.TextWrapPos;
  if (wrap_pos > 0.0f) w = std::min(w, wrap_pos - ImGui::GetCursorPosX());
  ImVec2 p = ImGui::GetCursorScreenPos();
  float wrap_w = w - pad * 2;
  ImVec2 ts = ImGui::CalcTextSize(text, nullptr, false, wrap_w);
  ImVec2 q(p.x + w, p.y + ts.y + pad * 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, q, theme::u32(bg), platform::px(6));
  dl->AddRectFilled(p, ImVec2(p.x + platform::px(4), q.y), theme::u32(fg), platform::px(6),
                    ImDrawFlags_RoundCornersLeft);
  ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
  ImGui::PushStyleColor(ImGuiCol_Text, fg);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_w);
  ImGui::TextUnformatted(text);
  test_hooks::text_drawn(text, ImGui::GetCurrentContext()->LastItemData.Rect, ImRect(p, q));
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(p);
  ImGui::PushTextWrapPos(wrap_pos);
  ImGui::Dummy(ImVec2(w, q.y - p.y));
  ImGui::PopTextWrapPos();
  test_hooks::name_last_item("message", text);
}

void muted_text(const char* text, bool wrap) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().text_muted);
  // Inside a card, a dialog or any block that set a wrap position, that one holds; else the
  // text wraps at its window's edge.
  if (wrap) ImGui::PushTextWrapPos(std::max(ImGui::GetCurrentWindow()->DC.TextWrapPos, 0.0f));
  ui::text(text);
  if (wrap) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

float button_width(const char* label) {
  ImFont* f = platform::font(platform::FontRole::Bold);
  const char* end = ImGui::FindRenderedTextEnd(label);
  return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, label, end).x + platform::px(32) +
         ImGui::GetStyle().FrameBorderSize * 2;
}

void heading(const char* s) {
  ImGui::PushFont(platform::font(platform::FontRole::Title));
  text(s);
  ImGui::PopFont();
}

void label_text(const char* s) {
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  text(s);
  ImGui::PopFont();
}

void text(const char* s, const char* end) {
  ImGui::TextUnformatted(s, end);
  text_item(end ? std::string(s, end).c_str() : s);
}

void text_colored(const ImVec4& color, const char* s) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text(s);
  ImGui::PopStyleColor();
}

void fitted_text(const char* s, float width) {
  const float room = width >= 0 ? width : ImGui::GetContentRegionAvail().x;
  if (ImGui::CalcTextSize(s).x <= room) {
    text(s);
    return;
  }
  static const char* const kEllipsis = "\xE2\x80\xA6";
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  const float budget = room - ImGui::CalcTextSize(kEllipsis).x;
  float used = 0;
  const char* end = s;
  while (*end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, end, nullptr);
    const float w = font->GetCharAdvance((ImWchar)c) * scale;
    if (n <= 0 || used + w > budget) break;
    used += w;
    end += n;
  }
  const std::string cut = std::string(s, end) + kEllipsis;
  text(cut.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s);
}

void paragraph(const char* s) {
  ImGui::PushTextWrapPos(std::max(ImGui::GetCurrentWindow()->DC.TextWrapPos, 0.0f));
  text(s);
  ImGui::PopTextWrapPos();
}

void screen_begin() {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
  ImGui::BeginChild("##screen", ImVec2(0, 0), false);
  ImGui::PopStyleColor();
}

void screen_end() { ImGui::EndChild(); }


float card_begin(const char* id, float width, float top) {
  (void)id;
  const float pad = platform::px(32);
  float avail = ImGui::GetWindowWidth();
  if (width > avail - platform::px(32)) width = avail - platform::px(32);
  // `top` is window-local like GetCursorPosY(), which counts the scrolled-away part.
  ImVec2 origin(ImGui::GetWindowPos().x + std::floor((avail - width) * 0.5f),
                ImGui::GetWindowPos().y + top - ImGui::GetScrollY());
  g_cards.push_back({origin, width, pad});
  ImGui::GetWindowDrawList()->ChannelsSplit(2);
  ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, origin.y + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - pad * 2);
  return width - pad * 2;
}

void card_end() {
  CardFrame f = g_cards.back();
  g_cards.pop_back();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  float bottom = ImGui::GetItemRectMax().y + f.pad;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSetCurrent(0);
  const auto& k = theme::colors();
  ImVec2 a = f.origin, b(f.origin.x + f.width, bottom);
  // Soft shadow, then the panel.
  dl->AddRectFilled(ImVec2(a.x, a.y + platform::px(2)), ImVec2(b.x, b.y + platform::px(3)),
                    IM_COL32(15, 23, 42, 14), platform::px(12));
  dl->AddRectFilled(a, b, theme::u32(k.surface), platform::px(12));
  dl->AddRect(a, b, theme::u32(k.border), platform::px(12), 0, platform::px(1));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
  ImGui::Dummy(ImVec2(f.width, platform::px(24)));
}

bool narrow_layout() { return ImGui::GetMainViewport()->Size.x < platform::px(720); }

bool same_line_if_fits(float width, float spacing) {
  const float right = ImGui::GetItemRectMax().x + spacing + width;
  const float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (right > limit) return false;
  ImGui::SameLine(0, spacing);
  return true;
}

}  // namespace ui
