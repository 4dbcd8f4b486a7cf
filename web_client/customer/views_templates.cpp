// The Templates tab: the list, the editor (style and blocks), the live preview and their
// dialogs; on a narrow screen the chooser and one pane at a time.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "customer/app.h"
#include "customer/js_glue.h"
#include "customer/views_common.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "platform/shell.h"
#include "platform/theme.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "test_hooks/test_hooks.h"

namespace customer {
namespace {

using platform::px;
using signet::phrase;

int g_scroll_to_block = -1;  // the block just added, scrolled to once


const char* block_type_label(signet::BlockType t) {
  switch (t) {
    case signet::BlockType::Text: return tr("Text");
    case signet::BlockType::Image: return tr("Logo or image");
    case signet::BlockType::Social: return tr("Social links");
    case signet::BlockType::Banner: return tr("Banner");
    case signet::BlockType::Divider: return tr("Divider");
    case signet::BlockType::Disclaimer: return tr("Legal disclaimer");
  }
  return "?";
}

constexpr signet::BlockType kBlockTypes[] = {signet::BlockType::Text, signet::BlockType::Image,
                                            signet::BlockType::Social, signet::BlockType::Banner,
                                            signet::BlockType::Divider, signet::BlockType::Disclaimer};

// A combo that appends {{placeholder}} to `s`.
bool placeholder_picker(const char* id, const char* label_for_tests, std::string& s, float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, tr("Insert placeholder"), ImGuiComboFlags_HeightLarge)) {
    auto item = [&](const char* f) {
      std::string label = std::string("{{") + f + "}}";
      if (ImGui::Selectable(label.c_str())) {
        s += label;
        changed = true;
      }
    };
    for (const char* f : signet::kDirectoryFields) item(f);
    item("company");
    ImGui::EndCombo();
  }
  test_hooks::name_last_item(label_for_tests);
  return changed;
}

void block_editor(App& a, signet::SignatureTemplate& t, size_t i, const signet::FieldErrors& local,
                  float width, int& move, int& remove) {
  const auto& k = theme::colors();
  signet::Block& b = t.blocks[i];
  const std::string key = "blocks." + std::to_string(i) + ".";
  const bool ro = a.read_only();
  ImGui::PushID((int)i);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 top = ImGui::GetCursorScreenPos();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(top.x + px(12), top.y + px(10)));
  ImGui::BeginGroup();
  const float inner = width - px(24);
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  char title[64];
  std::snprintf(title, sizeof title, "%zu · %s", i + 1, block_type_label(b.type));
  ImGui::AlignTextToFramePadding();
  ui::text(title);
  ImGui::PopFont();
  test_hooks::name_last_item(("block:" + std::to_string(i + 1)).c_str(), std::string(signet::to_string(b.type)).c_str());
  const char* up = tr("Up");
  const char* down = tr("Down");
  const char* remove_label = tr("Remove");
  // The buttons at the right of the title, or under it when both do not fit (a phone, Dutch).
  const float buttons_w = ui::button_width(up) + ui::button_width(down) + ui::button_width(remove_label) + px(16);
  if (ImGui::GetItemRectSize().x + px(12) + buttons_w <= inner) ImGui::SameLine(inner - buttons_w);
  const std::string n = std::to_string(i + 1);
  if (ui::secondary_button((std::string(up) + "##b" + n).c_str(), !ro && i > 0)) move = -1;
  test_hooks::name_last_item(("up:" + std::to_string(i + 1)).c_str());
  ImGui::SameLine();
  if (ui::secondary_button((std::string(down) + "##b" + n).c_str(), !ro && i + 1 < t.blocks.size())) move = 1;
  test_hooks::name_last_item(("down:" + std::to_string(i + 1)).c_str());
  ImGui::SameLine();
  if (ui::danger_button((std::string(remove_label) + "##b" + n).c_str(), !ro)) remove = (int)i;
  test_hooks::name_last_item(("remove:" + std::to_string(i + 1)).c_str());

  // Field labels carry the block number ("Text 2"); tests find them by the English name.
  auto label = [&](const char* text) { return std::string(text) + " " + n; };
  switch (b.type) {
    case signet::BlockType::Text:
    case signet::BlockType::Disclaimer: {
      ui::text_field(label(tr("Text")).c_str(), "##text", b.text, err(local, a.templates.server_fields, key + "text"),
                     {ui::Kind::Multiline, nullptr, inner, b.type == signet::BlockType::Disclaimer ? px(84) : px(56), ro});
      if (!ro) placeholder_picker(("##ph" + n).c_str(), ("Placeholder " + n).c_str(), b.text, px(200));
      if (b.type == signet::BlockType::Text) {
        if (!ro) ImGui::SameLine();
        ImGui::BeginDisabled(ro);
        ui::checkbox((std::string(tr("Bold")) + "##" + n).c_str(), &b.bold);
        ui::same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(tr("Italic")).x + px(12), px(8));
        ui::checkbox((std::string(tr("Italic")) + "##" + n).c_str(), &b.italic);
        ImGui::EndDisabled();
        ui::text_field(label(tr("Link")).c_str(), "##link", b.link, err(local, a.templates.server_fields, key + "link"),
                       {ui::Kind::Url, tr("Optional: https://, mailto: or tel:"), inner, 0, ro});
      }
      break;
    }
    case signet::BlockType::Image:
    case signet::BlockType::Banner: {
      ui::text_field(label(tr("Image URL")).c_str(), "##img", b.image_url,
                     err(local, a.templates.server_fields, key + "image_url"), {ui::Kind::Url, "https://…", inner, 0, ro});
      ui::text_field(label(tr("Alt text")).c_str(), "##alt", b.alt, err(local, a.templates.server_fields, key + "alt"),
                     {ui::Kind::Text, nullptr, inner * 0.64f, 0, ro});
      ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushFont(platform::font(platform::FontRole::Bold));
      ui::text(tr("Width (px)"));
      ImGui::PopFont();
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(4));
      ImGui::BeginDisabled(ro);
      ui::int_input("##width", &b.width, 0, 2000, 10, inner * 0.36f - px(8), tr("Width (px)"));
      ImGui::EndDisabled();
      test_hooks::name_last_item(("Width " + n).c_str());
      ImGui::EndGroup();
      ui::text_field(label(tr("Image link")).c_str(), "##ilink", b.link, err(local, a.templates.server_fields, key + "link"),
                     {ui::Kind::Url, tr("Optional: https://…"), inner, 0, ro});
      break;
    }
    case signet::BlockType::Social: {
      for (const char* net : signet::kSocialNetworks) {
        auto it = std::find_if(b.social.begin(), b.social.end(), [&](const signet::SocialLink& l) { return l.network == net; });
        std::string url = it != b.social.end() ? it->url : "";
        size_t idx = it != b.social.end() ? (size_t)(it - b.social.begin()) : 0;
        std::string label = std::string(signet::social_network_label(net)) + " " + n;
        std::string e = it != b.social.end() ? err(local, a.templates.server_fields, key + "social." + std::to_string(idx) + ".url") : "";
        if (ui::text_field(label.c_str(), (std::string("##") + net).c_str(), url, e, {ui::Kind::Url, "https://…", inner, 0, ro})) {
          if (it != b.social.end()) {
            if (url.empty()) b.social.erase(it);
            else it->url = url;
          } else if (!url.empty()) {
            b.social.push_back({net, url});
          }
        }
      }
      break;
    }
    case signet::BlockType::Divider:
      ui::muted_text(tr("A thin line between the blocks above and below."));
      break;
  }
  ImGui::EndGroup();
  ImVec2 end(top.x + width, ImGui::GetItemRectMax().y + px(12));
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(top, end, theme::u32(k.surface), px(8));
  dl->AddRect(top, end, theme::u32(k.border), px(8), 0, px(1));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(top.x, end.y + px(10)));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
}

void template_list(App& a, float h) {
  const auto& k = theme::colors();
  ImGui::BeginChild("##tlist", ImVec2(px(240), h), false);
  if (ui::primary_button(tr("New template"), !a.read_only(), ImVec2(-1, 0))) {
    a.guard([&a] {
      a.templates.new_name = a.templates.items.empty() ? tr("Standard") : tr("New template");
      a.templates.want_new = true;
    });
  }
  ImGui::Dummy(ImVec2(0, px(6)));
  if (!a.templates.loaded) ui::spinner();
  else if (a.templates.items.empty()) ui::muted_text(tr("No templates yet. Create the first one: it becomes the default."), true);
  for (const auto& t : a.templates.items) {
    const bool sel = t.id == a.templates.selected_id;
    ImGui::PushID((int)t.id);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    ImVec2 size(w, ImGui::GetFrameHeight() + px(8));
    bool pressed = ImGui::InvisibleButton("t", size);
    test_hooks::name_last_item(("template:" + t.name).c_str(), sel ? "selected" : "");
    bool hov = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (sel || hov) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + size.y), theme::u32(sel ? k.row_selected : k.row_hover), px(6));
    std::string name = (sel && a.template_dirty() ? "• " : "") + t.name;
    dl->AddText(ImVec2(p.x + px(10), p.y + (size.y - ImGui::GetFontSize()) * 0.5f), theme::u32(k.text), name.c_str());
    if (t.is_default) {
      ImFont* f = platform::font(platform::FontRole::Small);
      const char* d = tr("Default");
      ImVec2 ds = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, d);
      ImVec2 q(p.x + w - ds.x - px(22), p.y + (size.y - ds.y - px(6)) * 0.5f);
      dl->AddRectFilled(q, ImVec2(q.x + ds.x + px(12), q.y + ds.y + px(6)), theme::u32(k.success_soft), px(9));
      dl->AddText(f, f->FontSize, ImVec2(q.x + px(6), q.y + px(3)), theme::u32(k.success), d);
    }
    if (pressed && !sel) {
      const int64_t id = t.id;
      a.guard([&a, id] { a.open_template(id); });
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

// Save, duplicate, make default, delete; the unsaved and conflict notes above the form.
void template_actions(App& a, const signet::SignatureTemplate& t, bool locally_valid) {
  const auto& k = theme::colors();
  const bool ro = a.read_only();
  const bool dirty = a.template_dirty();
  // Action bar.
  if (ui::primary_button(lbl(a.templates.saving ? tr("Saving…") : tr("Save"), "save").c_str(),
                         !ro && dirty && locally_valid && !a.templates.saving))
    a.save_template();
  test_hooks::name_last_item("Save");
  ui::same_line_if_fits(ui::button_width(tr("Duplicate")), px(8));
  if (ui::secondary_button(tr("Duplicate"), !ro)) {
    a.guard([&a] {
      if (!a.templates.editing) return;
      signet::SignatureTemplate copy = *a.templates.editing;
      a.create_template(trf("Copy of {name}", {{"name", copy.name}}), &copy);
    });
  }
  ui::same_line_if_fits(ui::button_width(tr("Make default")), px(8));
  if (ui::secondary_button(tr("Make default"), !ro && !t.is_default && !dirty)) a.make_default();
  ui::same_line_if_fits(ui::button_width(tr("Delete")), px(8));
  if (ui::danger_button(lbl(tr("Delete"), "template").c_str(), !ro)) a.templates.want_delete = true;
  if (dirty) {
    ui::same_line_if_fits(ImGui::CalcTextSize(tr("Unsaved changes")).x, px(8));
    ImGui::AlignTextToFramePadding();
    ui::text_colored(k.warning, tr("Unsaved changes"));
    test_hooks::name_last_item("unsaved", "Unsaved changes");
  }
  ImGui::Dummy(ImVec2(0, px(4)));
  if (a.templates.conflict) {
    ui::message(ui::Tone::Warning, tr("Someone else saved this template since you opened it. Reload to see their version (your changes here will be replaced)."));
    if (ui::secondary_button(tr("Reload"))) a.reload_template();
    test_hooks::name_last_item("Reload");
  }
  if (!a.templates.error.empty()) ui::message(ui::Tone::Danger, trm(a.templates.error).c_str());
  if (!locally_valid && dirty) ui::message(ui::Tone::Warning, tr("Fix the fields marked in red to save."));
}

// Font, size and the two colours.
void template_style(App& a, signet::SignatureTemplate& t, const signet::FieldErrors& local, float inner) {
  const bool ro = a.read_only();
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ui::text(tr("Font"));
  ImGui::PopFont();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(4));
  ImGui::BeginDisabled(ro);
  ImGui::SetNextItemWidth(inner * 0.5f);
  if (ImGui::BeginCombo("##font", t.style.font_family.c_str())) {
    for (const char* f : signet::kFontFamilies)
      if (ImGui::Selectable(f, t.style.font_family == f)) t.style.font_family = f;
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Font", t.style.font_family.c_str());
  ImGui::SameLine();
  ui::int_input("##size", &t.style.font_size, 8, 24, 1, inner * 0.5f - px(8), tr("Font size"));
  test_hooks::name_last_item("Font size");
  ImGui::EndDisabled();
  auto colour = [&](const char* label, const char* id, std::string& c, const std::string& key, float wd) {
    ImGui::BeginGroup();
    ui::text_field(label, id, c, err(local, a.templates.server_fields, key), {ui::Kind::Color, "#1f2937", wd - px(40), 0, ro});
    ImGui::EndGroup();
    ImGui::SameLine();
    unsigned r = 0, g = 0, bl = 0;
    if (c.size() == 7 && std::sscanf(c.c_str(), "#%02x%02x%02x", &r, &g, &bl) == 3) {
      ImVec2 p = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + px(6), p.y - ImGui::GetFrameHeight()), ImVec2(p.x + px(34), p.y),
                                                IM_COL32(r, g, bl, 255), px(4));
    }
    ImGui::Dummy(ImVec2(px(34), 0));
  };
  ImGui::BeginGroup();
  colour(tr("Text colour"), "##tc", t.style.text_color, "style.text_color", inner * 0.5f);
  ImGui::EndGroup();
  ImGui::SameLine(inner * 0.5f + px(8));
  ImGui::BeginGroup();
  colour(tr("Link colour"), "##lc", t.style.link_color, "style.link_color", inner * 0.5f);
  ImGui::EndGroup();

}

// The block list: add a block of a chosen type, then each block's editor in order.
void template_blocks(App& a, signet::SignatureTemplate& t, const signet::FieldErrors& local, float inner) {
  const bool ro = a.read_only();
  ui::label_text(tr("Blocks"));
  // Add a block.
  static int add_type = 0;
  ImGui::BeginDisabled(ro || t.blocks.size() >= signet::kMaxBlocks);
  ImGui::SetNextItemWidth(px(200));
  if (ImGui::BeginCombo("##addtype", block_type_label(kBlockTypes[add_type]))) {
    for (int i = 0; i < 6; ++i) {
      if (ImGui::Selectable(block_type_label(kBlockTypes[i]), i == add_type)) add_type = i;
      test_hooks::name_last_item((std::string("block-type:") + std::string(signet::to_string(kBlockTypes[i]))).c_str());
    }
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Block type", std::string(signet::to_string(kBlockTypes[add_type])).c_str());
  ImGui::EndDisabled();
  ui::same_line_if_fits(ui::button_width(tr("Add block")), px(8));
  if (ui::secondary_button(tr("Add block"), !ro && t.blocks.size() < signet::kMaxBlocks)) {
    signet::Block b;
    b.type = kBlockTypes[add_type];
    if (b.type == signet::BlockType::Text) b.text = "{{phone}}";
    if (b.type == signet::BlockType::Disclaimer)
      b.text = tr("This e-mail may contain confidential information. If you received it by mistake, please tell the sender and delete it.");
    if (b.type == signet::BlockType::Image || b.type == signet::BlockType::Banner) b.image_url = "https://";
    t.blocks.push_back(b);
    g_scroll_to_block = (int)t.blocks.size() - 1;
  }
  ImGui::Dummy(ImVec2(0, px(2)));
  int move = 0, remove = -1;
  size_t moved_index = 0;
  for (size_t i = 0; i < t.blocks.size(); ++i) {
    int m = 0;
    if ((int)i == g_scroll_to_block) {
      ImGui::SetScrollHereY(0.1f);
      g_scroll_to_block = -1;
      platform::mark_dirty();
    }
    block_editor(a, t, i, local, inner, m, remove);
    if (m) { move = m; moved_index = i; }
  }
  if (move) std::swap(t.blocks[moved_index], t.blocks[moved_index + move]);
  if (remove >= 0) t.blocks.erase(t.blocks.begin() + remove);

}

void template_editor(App& a, float w, float h) {
  ImGui::BeginChild("##tedit", ImVec2(w, h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  if (!a.templates.editing) {
    ImGui::Dummy(ImVec2(0, px(20)));
    ui::muted_text(a.templates.loaded ? tr("Choose a template on the left, or create one.") : tr("Loading…"), true);
    ImGui::EndChild();
    return;
  }
  signet::SignatureTemplate& t = *a.templates.editing;
  const float inner = ImGui::GetContentRegionAvail().x - px(16);
  const auto local = signet::validate(t);
  template_actions(a, t, local.empty());
  // The form scrolls under the fixed action bar.
  ImGui::BeginChild("##tform", ImVec2(0, 0), false);
  ui::text_field(tr("Template name"), "##tname", t.name, err(local, a.templates.server_fields, "name"),
                 {ui::Kind::Text, nullptr, inner, 0, a.read_only()});
  template_style(a, t, local, inner);
  ImGui::Dummy(ImVec2(0, px(8)));
  template_blocks(a, t, local, inner);
  ImGui::Dummy(ImVec2(0, px(40)));
  ImGui::EndChild();
  ImGui::EndChild();
}

void template_preview(App& a, float w, float h) {
  const auto& k = theme::colors();
  ImGui::BeginChild("##tprev", ImVec2(w, h), false);
  TemplatesState& s = a.templates;
  if (!s.editing) {
    ImGui::EndChild();
    return;
  }
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ui::text(tr("Preview"));
  ImGui::PopFont();
  // Which directory user the preview shows.
  std::string current = s.preview_users.empty()
                            ? std::string(tr("Sample person (add people under Users)"))
                            : s.preview_users[s.preview_user].display_name.empty()
                                  ? s.preview_users[s.preview_user].email
                                  : s.preview_users[s.preview_user].display_name + " <" + s.preview_users[s.preview_user].email + ">";
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##previewuser", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (int i = 0; i < (int)s.preview_users.size(); ++i) {
      const auto& u = s.preview_users[i];
      std::string l = (u.display_name.empty() ? u.email : u.display_name) + "##pu" + std::to_string(i);
      if (ImGui::Selectable(l.c_str(), i == s.preview_user)) s.preview_user = i;
      test_hooks::name_last_item(("preview-user:" + u.email).c_str());
    }
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Preview for", current.c_str());
  a.update_preview();

  // The preview area: a white panel; the real HTML is shown over it in a sandboxed iframe.
  const float warn_h = s.preview.warnings.empty() ? 0 : (ImGui::GetTextLineHeightWithSpacing() * (float)std::min<size_t>(s.preview.warnings.size(), 6) + px(40));
  float area_h = std::max(px(160), ImGui::GetContentRegionAvail().y - warn_h - px(140));
  ImVec2 p = ImGui::GetCursorScreenPos();
  float aw = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + aw, p.y + area_h), theme::u32(k.surface), px(6));
  dl->AddRect(p, ImVec2(p.x + aw, p.y + area_h), theme::u32(k.border), px(6), 0, px(1));
  ImGui::Dummy(ImVec2(aw, area_h));
  test_hooks::name_last_item("preview", std::to_string(s.preview.html.size()).c_str());
  // Place the iframe inside the border, clipped to this child's visible region.
  ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  ImRect r(p.x + px(1), p.y + px(1), p.x + aw - px(1), p.y + area_h - px(1));
  r.ClipWith(clip);
  const bool popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  if (!popup && r.GetWidth() > 4 && r.GetHeight() > 4) {
    const float d = platform::dpr();
    std::string doc = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>" +
                      signet::style_attributes_as_data(s.preview.html) + "</body></html>";
    js::preview_show(doc, r.Min.x / d, r.Min.y / d, r.GetWidth() / d, r.GetHeight() / d);
  }
  ImGui::Dummy(ImVec2(0, px(6)));
  if (s.preview.warnings.empty()) {
    ui::text_colored(k.success, tr("No warnings."));
    test_hooks::name_last_item("warnings", "");
  } else {
    std::string all;
    for (const auto& wmsg : s.preview.warnings) {
      ImGui::PushTextWrapPos(0);
      // U+26A0 is not in the font atlas; a bullet in the warning colour is.
      ui::text_colored(k.warning, ("\xE2\x80\xA2 " + trm(wmsg)).c_str());
      ImGui::PopTextWrapPos();
      all += trm(wmsg) + "\n";
    }
    test_hooks::name_last_item("warnings", all.c_str());
  }
  ImGui::PushFont(platform::font(platform::FontRole::Small));
  const std::string size_note = trf("{n} characters of HTML (Gmail allows {max}).",
                                    {{"n", signet::format_count((long long)s.preview.html.size(), platform::ui_language())},
                                     {"max", signet::format_count((long long)signet::kGmailSignatureLimit, platform::ui_language())}});
  ui::text_colored(k.text_muted, size_note.c_str());
  ImGui::PopFont();
  if (ImGui::CollapsingHeader(lbl(tr("Plain-text version"), "plain").c_str())) {
    ImGui::PushTextWrapPos(0);
    ui::text(s.preview.text.c_str());
    ImGui::PopTextWrapPos();
    test_hooks::name_last_item("plain-text", s.preview.text.c_str());
  }
  ImGui::EndChild();
}

void template_dialogs(App& a) {
  TemplatesState& s = a.templates;
  if (ui::dialog_begin("###newtpl", tr("New template"), s.want_new, 440)) {
    static bool focus = true;
    if (focus) { ui::autofocus_field(1); focus = false; }
    ui::text_field(tr("Name"), "##newname", s.new_name, "", {ui::Kind::Text, nullptr, ui::dialog_inner_width()});
    const bool ok = signet::normalize_text(s.new_name).size() > 0;
    const bool create = ui::primary_button(tr("Create"), ok);
    test_hooks::name_last_item("Create");
    if (create || (ok && enter_pressed())) {
      a.create_template(signet::normalize_text(s.new_name), nullptr);
      s.want_new = false;
      focus = true;
    }
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "cancelnew").c_str()) || ui::escape_pressed()) {
      s.want_new = false;
      focus = true;
    }
    ui::dialog_end();
  }
  if (ui::dialog_begin("###deltpl", tr("Delete template?"), s.want_delete, 440)) {
    ui::text(trf("Delete \"{name}\"? People who get it will get the default template.",
                               {{"name", s.editing ? s.editing->name : std::string()}}).c_str());
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::danger_button(lbl(tr("Delete"), "confirmdel").c_str())) {
      a.delete_template();
      s.want_delete = false;
    }
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "canceldel").c_str()) || ui::escape_pressed()) s.want_delete = false;
    ui::dialog_end();
  }
}

// A narrow screen (a phone, a tablet upright): the template chooser on one line, then the editor
// or the preview, one at a time. With nothing chosen, the default template opens.
void templates_compact(App& a, float w, float h) {
  TemplatesState& s = a.templates;
  const float top = ImGui::GetCursorPosY();
  if (!s.editing && s.loaded && !s.items.empty() && !s.selected_id) {
    const auto def = std::find_if(s.items.begin(), s.items.end(), [](const auto& t) { return t.is_default; });
    a.open_template((def != s.items.end() ? *def : s.items.front()).id);
  }
  const char* create = tr("New template");
  const float create_w = ui::button_width(create);
  if (!s.items.empty()) {
    const auto cur = std::find_if(s.items.begin(), s.items.end(), [&](const auto& t) { return t.id == s.selected_id; });
    ImGui::SetNextItemWidth(w - create_w - px(8));
    if (ImGui::BeginCombo("##tchoose", cur != s.items.end() ? cur->name.c_str() : "", ImGuiComboFlags_HeightLarge)) {
      for (const auto& t : s.items) {
        ImGui::PushID((int)t.id);
        const std::string shown = t.is_default ? trf("{name} (default)", {{"name", t.name}}) : t.name;
        if (ImGui::Selectable(shown.c_str(), t.id == s.selected_id) && t.id != s.selected_id) {
          const int64_t id = t.id;
          a.guard([&a, id] { a.open_template(id); });
        }
        test_hooks::name_last_item(("template:" + t.name).c_str());
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    test_hooks::name_last_item("Template", cur != s.items.end() ? cur->name.c_str() : "");
    ImGui::SameLine(0, px(8));
  }
  if (ui::primary_button(create, !a.read_only(), ImVec2(s.items.empty() ? w : create_w, 0))) {
    a.guard([&a] {
      a.templates.new_name = a.templates.items.empty() ? tr("Standard") : tr("New template");
      a.templates.want_new = true;
    });
  }
  if (!s.editing) {
    template_editor(a, w, h - (ImGui::GetCursorPosY() - top));
    return;
  }
  // Edit | Preview.
  const char* edit_label = tr("Edit");
  const char* preview_label = tr("Preview");
  if (ui::tab_choice(lbl(edit_label, "pane_edit").c_str(), !s.compact_preview)) s.compact_preview = false;
  test_hooks::name_last_item("pane:edit", s.compact_preview ? "" : "active");
  ImGui::SameLine(0, 0);
  if (ui::tab_choice(lbl(preview_label, "pane_preview").c_str(), s.compact_preview)) s.compact_preview = true;
  test_hooks::name_last_item("pane:preview", s.compact_preview ? "active" : "");
  const float rest = h - (ImGui::GetCursorPosY() - top);
  if (s.compact_preview) template_preview(a, w, rest);
  else template_editor(a, w, rest);
}

}  // namespace

void view_templates(App& a, float h) {
  const float total_w = ImGui::GetContentRegionAvail().x;
  if (total_w < px(900)) {
    templates_compact(a, total_w, h);
    template_dialogs(a);
    return;
  }
  template_list(a, h);
  ImGui::SameLine(0, px(20));
  const float rest = total_w - px(240) - px(40);
  const float edit_w = std::floor(rest * 0.52f);
  template_editor(a, edit_w, h);
  ImGui::SameLine(0, px(20));
  template_preview(a, rest - edit_w, h);
  template_dialogs(a);
}

}  // namespace customer
