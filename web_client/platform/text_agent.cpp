#include "platform/text_agent.h"

#include <emscripten.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "imgui_internal.h"
#include "platform/platform.h"
#include "signet/text.h"

// ---- The browser half (text_agent.js); EM_JS, no eval: CSP-safe ----
EM_JS(void, signet_agent_js_install, (), { SignetTextAgent.install(); });
EM_JS(void, signet_agent_js_configure,
      (unsigned id, unsigned group, const char* type, const char* inputmode,
       const char* autocomplete, const char* autocapitalize, int spellcheck,
       const char* enterkeyhint, int multiline, int read_only, const char* label),
      {
        SignetTextAgent.configure(id, group, {
          type: UTF8ToString(type), inputmode: UTF8ToString(inputmode),
          autocomplete: UTF8ToString(autocomplete), autocapitalize: UTF8ToString(autocapitalize),
          spellcheck: !!spellcheck, enterkeyhint: UTF8ToString(enterkeyhint),
          multiline: !!multiline, readOnly: !!read_only, label: UTF8ToString(label)
        });
      });
EM_JS(void, signet_agent_js_place, (unsigned id, int order, double x, double y, double w, double h,
                                    double font_px, double pad_x),
      { SignetTextAgent.place(id, order, x, y, w, h, font_px, pad_x); });
EM_JS(void, signet_agent_js_set_value, (unsigned id, const char* text, int start, int end, int backward),
      { SignetTextAgent.setValue(id, UTF8ToString(text), start, end, !!backward); });
EM_JS(void, signet_agent_js_focus, (unsigned id), { SignetTextAgent.focus(id); });
EM_JS(void, signet_agent_js_blur, (), { SignetTextAgent.blur(); });
EM_JS(void, signet_agent_js_set_active, (unsigned id), { SignetTextAgent.setActive(id); });
EM_JS(void, signet_agent_js_remove, (unsigned id), { SignetTextAgent.remove(id); });

namespace text_agent {
namespace {

// The input's state as the browser last reported it (positions in UTF-16 units).
struct DomState {
  std::string text;
  int start = 0, end = 0;
  bool backward = false;
  bool operator==(const DomState& o) const {
    return text == o.text && start == o.start && end == o.end && backward == o.backward;
  }
};

struct Entry {
  DomState dom;          // what the input holds, as far as this side knows
  bool pending = false;  // the browser changed it since the field last read it
  bool composing = false;
  int comp_start = 0, comp_end = 0;  // UTF-16, while composing
  bool configured = false;
  FieldInfo info;
  std::string label;
  ImGuiID group = 0;
  int order = -1;
  ImRect rect;
  float font_px = 0, pad_x = 0;
  bool drawn = false;   // declared in the frame being built
  bool active = false;  // ImGui edited it in the last frame drawn
};

std::unordered_map<ImGuiID, Entry> g_entries;
int g_order = 0;
ImGuiID g_active = 0, g_prev_active = 0;  // the field ImGui edits this frame / last frame
ImGuiID g_dom_focus = 0;                  // the field whose input has the browser's focus
ImGuiID g_activate = 0;                   // the browser focused this input; ImGui should follow
int g_activate_frames = 0;
ImGuiID g_js_active = 0;  // what text_agent.js was last told
bool g_reveal = false;    // scroll the active field into view when it is drawn next

struct Attributes {
  const char *type, *inputmode, *autocomplete, *autocapitalize;
  bool spellcheck;
  const char* enterkeyhint;  // "" lets text_agent.js choose next/go by position in the form
};

// type=email and type=number have no selection API in browsers, so e-mail fields are text
// inputs with the e-mail keyboard.
Attributes attributes_of(Kind k) {
  switch (k) {
    case Kind::Text: return {"text", "text", "off", "sentences", true, ""};
    case Kind::Name: return {"text", "text", "name", "words", false, ""};
    case Kind::Organization: return {"text", "text", "organization", "words", false, ""};
    case Kind::Email: return {"text", "email", "email", "none", false, ""};
    case Kind::Username: return {"text", "email", "username", "none", false, ""};
    case Kind::Phone: return {"tel", "tel", "tel", "none", false, ""};
    case Kind::Number: return {"text", "numeric", "off", "none", false, ""};
    case Kind::CurrentPassword: return {"password", "text", "current-password", "none", false, ""};
    case Kind::NewPassword: return {"password", "text", "new-password", "none", false, ""};
    case Kind::Url: return {"url", "url", "url", "none", false, ""};
    case Kind::Search: return {"text", "search", "off", "none", false, "search"};
    case Kind::Color: return {"text", "text", "off", "none", false, ""};
    case Kind::Multiline: return {"textarea", "text", "off", "sentences", true, "enter"};
  }
  return {"text", "text", "off", "sentences", true, ""};
}

Entry* find(ImGuiID id) {
  auto it = g_entries.find(id);
  return it == g_entries.end() ? nullptr : &it->second;
}

void send_value(ImGuiID id, Entry& e, const DomState& s) {
  e.dom = s;
  signet_agent_js_set_value(id, s.text.c_str(), s.start, s.end, s.backward ? 1 : 0);
}

}  // namespace

void install() { signet_agent_js_install(); }
void reveal_active() {
  g_reveal = true;
  platform::mark_dirty();
}

void begin_frame() {
  g_order = 0;
  g_active = 0;
  for (auto& [id, e] : g_entries) e.drawn = false;
}

bool wants_activation(ImGuiID id) {
  return g_activate == id && ImGui::GetActiveID() != id;
}

bool take_value(ImGuiID id, std::string& value) {
  Entry* e = find(id);
  if (!e || !e->pending) return false;
  e->pending = false;
  if (e->info.read_only || value == e->dom.text) return false;
  value = e->dom.text;
  return true;
}

void sync_active(ImGuiID id, ImGuiInputTextCallbackData* d, bool read_only) {
  Entry* e = find(id);
  if (!e) return;  // first frame of a field: its input does not exist yet
  // Activated because its input took the focus (Tab, a tap): whatever was typed there since,
  // and where the caret is, win over ImGui's own start (which selects all after a Tab).
  if (!e->active && g_dom_focus == id) e->pending = true;
  const std::string_view now(d->Buf, (size_t)d->BufTextLen);
  if (e->pending) {
    // The browser edited: take its text and selection.
    e->pending = false;
    const std::string& t = e->dom.text;
    if (!read_only && now != t) {
      d->DeleteChars(0, d->BufTextLen);
      d->InsertChars(0, t.data(), t.data() + t.size());
    }
    const std::string_view text(d->Buf, (size_t)d->BufTextLen);
    const int a = (int)signet::utf8_offset_of_utf16_index(text, (size_t)e->dom.start);
    const int b = (int)signet::utf8_offset_of_utf16_index(text, (size_t)e->dom.end);
    d->SelectionStart = e->dom.backward ? b : a;
    d->SelectionEnd = e->dom.backward ? a : b;
    d->CursorPos = e->dom.backward ? a : b;
    return;
  }
  if (e->composing) return;  // writing to the input now would cancel the composition
  // ImGui changed something itself (caret moved by a click, a drag selection): tell the input.
  DomState s;
  s.text.assign(now);
  const int lo = std::min(d->SelectionStart, d->SelectionEnd);
  const int hi = std::max(d->SelectionStart, d->SelectionEnd);
  s.start = (int)signet::utf16_index_of_utf8_offset(now, (size_t)lo);
  s.end = (int)signet::utf16_index_of_utf8_offset(now, (size_t)hi);
  s.backward = lo != hi && d->CursorPos == lo;
  if (lo == hi) s.start = s.end = (int)signet::utf16_index_of_utf8_offset(now, (size_t)d->CursorPos);
  if (!(s == e->dom)) send_value(id, *e, s);
}

void field_drawn(ImGuiID id, const FieldInfo& info, const std::string& value, bool active) {
  ImGuiContext& g = *GImGui;
  Entry& e = g_entries[id];
  e.drawn = true;
  e.active = active;
  const ImGuiID group = g.CurrentWindow ? g.CurrentWindow->RootWindow->ID : 0;
  const std::string label = info.label ? info.label : "";
  if (!e.configured || e.info.kind != info.kind || e.info.read_only != info.read_only ||
      e.label != label || e.group != group) {
    e.configured = true;
    e.info = info;
    e.label = label;
    e.group = group;
    const Attributes a = attributes_of(info.kind);
    signet_agent_js_configure(id, group, a.type, a.inputmode, a.autocomplete, a.autocapitalize,
                              a.spellcheck ? 1 : 0, a.enterkeyhint,
                              info.kind == Kind::Multiline ? 1 : 0, info.read_only ? 1 : 0,
                              label.c_str());
    e.dom = DomState{};
    e.rect = ImRect();
  }
  const ImRect r = g.LastItemData.Rect;
  const int order = g_order++;
  const float font_px = ImGui::GetFontSize(), pad_x = ImGui::GetStyle().FramePadding.x;
  if (r.Min.x != e.rect.Min.x || r.Min.y != e.rect.Min.y || r.Max.x != e.rect.Max.x ||
      r.Max.y != e.rect.Max.y || order != e.order || font_px != e.font_px || pad_x != e.pad_x) {
    e.rect = r;
    e.order = order;
    e.font_px = font_px;
    e.pad_x = pad_x;
    const float dpr = platform::dpr();
    signet_agent_js_place(id, order, r.Min.x / dpr, r.Min.y / dpr, r.GetWidth() / dpr,
                          r.GetHeight() / dpr, font_px / dpr, pad_x / dpr);
  }
  if (active) {
    g_active = id;
    if (g_activate == id) g_activate = 0;
    if (g_reveal) {
      g_reveal = false;
      const ImRect visible = g.CurrentWindow->InnerClipRect;
      if (!visible.Contains(r)) ImGui::SetScrollHereY(0.3f);
    }
  } else if (!e.pending && !e.composing && value != e.dom.text) {
    // Changed by the app (a form reset, data loaded) or reverted by Escape: the input follows,
    // so autofill and screen readers see what the field shows.
    const int n = (int)signet::utf16_index_of_utf8_offset(value, value.size());
    send_value(id, e, DomState{value, n, n, false});
  }
}

bool composition(ImGuiID id, size_t* begin, size_t* end) {
  const Entry* e = find(id);
  if (!e || !e->composing || e->comp_end <= e->comp_start) return false;
  *begin = signet::utf8_offset_of_utf16_index(e->dom.text, (size_t)e->comp_start);
  *end = signet::utf8_offset_of_utf16_index(e->dom.text, (size_t)e->comp_end);
  return *end > *begin;
}

void end_frame() {
  // Fields no longer drawn lose their inputs (a form that goes away after a successful sign-in
  // is also how a browser learns it may offer to save the password).
  std::vector<ImGuiID> gone;
  for (auto& [id, e] : g_entries)
    if (!e.drawn) gone.push_back(id);
  for (ImGuiID id : gone) {
    g_entries.erase(id);
    if (g_dom_focus == id) g_dom_focus = 0;
    signet_agent_js_remove(id);
  }
  if (g_activate && ++g_activate_frames > 3) g_activate = 0;  // its field was not drawn

  const ImGuiID active = g_active;
  const bool changed = active != g_prev_active;
  g_prev_active = active;
  if (active != g_js_active) {
    g_js_active = active;
    signet_agent_js_set_active(active);
  }
  if (!changed) return;
  if (active && g_dom_focus != active) {
    // Activated on the canvas (a click, a tap, the first field of a new screen): the input
    // takes the focus, so the keyboard appears and typing goes there.
    g_dom_focus = active;
    signet_agent_js_focus(active);
  } else if (!active && g_dom_focus && !g_activate) {
    // Deactivated (Enter, Escape, a click elsewhere): the phone keyboard goes away.
    g_dom_focus = 0;
    signet_agent_js_blur();
  }
}

}  // namespace text_agent

// ---- Called by text_agent.js ----
extern "C" {

// The input's value or selection changed (typing, IME, paste, autofill, deletion).
// Positions are UTF-16; comp_* give the part being composed while `composing`.
EMSCRIPTEN_KEEPALIVE void signet_agent_changed(unsigned id, const char* text, int start, int end,
                                               int backward, int composing, int comp_start,
                                               int comp_end) {
  using namespace text_agent;
  Entry* e = find(id);
  if (!e) return;
  e->dom.text = text ? text : "";
  e->dom.start = start;
  e->dom.end = end;
  e->dom.backward = backward != 0;
  e->pending = true;
  e->composing = composing != 0;
  e->comp_start = comp_start;
  e->comp_end = comp_end;
  platform::mark_dirty();
}

EMSCRIPTEN_KEEPALIVE void signet_agent_focused(unsigned id) {
  using namespace text_agent;
  g_dom_focus = id;
  if (g_prev_active != id) {
    g_activate = id;
    g_activate_frames = 0;
  }
  platform::mark_dirty();
}

EMSCRIPTEN_KEEPALIVE void signet_agent_blurred(unsigned id) {
  using namespace text_agent;
  if (g_dom_focus == id) g_dom_focus = 0;
  if (g_activate == id) g_activate = 0;
  Entry* e = find(id);
  if (e) e->composing = false;
  platform::mark_dirty();
}

}  // extern "C"
