#include "test_hooks/test_hooks.h"

#include <emscripten.h>

#include <cstdarg>
#include <string>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "imgui_internal.h"

namespace test_hooks {
namespace {
struct Item {
  std::string label, text;
  ImRect rect;
};
struct Text {
  std::string text;
  ImRect rect, panel;
};
std::vector<Text> g_texts;
bool g_enabled = false;
std::unordered_map<ImGuiID, ImRect> g_rects;  // this frame, clipped
std::vector<Item> g_items;
std::string g_screen, g_published_screen;
// Two widgets with one ImGui ID answer each other's clicks (a "Cancel###users" beside a
// "Save###users" did): the IDs of this frame's labelled widgets, and the labels reported once.
std::unordered_set<ImGuiID> g_widget_ids;
std::set<std::string> g_reported_twins;

std::string visible_label(const char* label) {
  std::string s = label ? label : "";
  auto pos = s.find("##");
  if (pos != std::string::npos) s.erase(pos);
  return s;
}
}  // namespace
}  // namespace test_hooks

EM_JS(int, signet_js_test_enabled, (), {
  window.signetTest = window.signetTest || {};
  return (window.SIGNET_TEST || location.search.indexOf('signet_test') >= 0) ? 1 : 0;
});
EM_JS(void, signet_js_publish_items, (const char* json), {
  window.signetTest.items = JSON.parse(UTF8ToString(json));
});
EM_JS(void, signet_js_publish_texts, (const char* json), {
  window.signetTest.texts = JSON.parse(UTF8ToString(json));
});
EM_JS(void, signet_js_publish_screen, (const char* s), {
  window.signetTest.screen = UTF8ToString(s);
});

EM_JS(void, signet_js_report_twin_id, (const char* label), {
  console.error('Two widgets share one ImGui ID: ' + UTF8ToString(label));
});

EM_JS(void, signet_js_publish_number, (const char* name, double value), {
  window.signetTest[UTF8ToString(name)] = value;
});

// ---- The hooks Dear ImGui calls when IMGUI_ENABLE_TEST_ENGINE is defined ----
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  ImGuiWindow* w = ctx->CurrentWindow;
  ImRect r = bb;
  if (w) r.ClipWithFull(w->ClipRect);
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
  test_hooks::g_rects[id] = r;
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags) {
  if (label && !test_hooks::g_widget_ids.insert(id).second &&
      test_hooks::g_reported_twins.insert(label).second)
    signet_js_report_twin_id(label);
  auto it = test_hooks::g_rects.find(id);
  if (it == test_hooks::g_rects.end() || !label) return;
  test_hooks::g_items.push_back({test_hooks::visible_label(label), "", it->second});
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

namespace test_hooks {

void install() { g_enabled = signet_js_test_enabled() != 0; }
bool enabled() { return g_enabled; }

void begin_frame() {
  GImGui->TestEngineHookItems = g_enabled;
  g_rects.clear();
  g_widget_ids.clear();
  g_items.clear();
  g_texts.clear();
}

void text_drawn(const char* text, const ImRect& rect, const ImRect& panel) {
  if (g_enabled && text && *text) g_texts.push_back({text, rect, panel});
}

void name_last_item(const char* name, const char* text) {
  if (!g_enabled) return;
  ImGuiContext& g = *GImGui;
  ImRect r = g.LastItemData.Rect;
  if (g.CurrentWindow) r.ClipWithFull(g.CurrentWindow->ClipRect);
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
  g_items.push_back({name, text ? text : "", r});
}

void set_screen(const char* screen) { g_screen = screen; }
void publish_number(const char* name, double value) { signet_js_publish_number(name, value); }
bool screen_is_interactive() { return !g_screen.empty() && g_screen != "loading"; }

void end_frame(float dpr) {
  if (g_screen != g_published_screen) {
    g_published_screen = g_screen;
    signet_js_publish_screen(g_screen.c_str());
  }
  if (!g_enabled) return;
  nlohmann::json items = nlohmann::json::array();
  for (const Item& it : g_items) {
    if (it.label.empty()) continue;
    nlohmann::json j = {{"label", it.label},
                        {"x", it.rect.Min.x / dpr},
                        {"y", it.rect.Min.y / dpr},
                        {"w", it.rect.GetWidth() / dpr},
                        {"h", it.rect.GetHeight() / dpr}};
    if (!it.text.empty()) j["text"] = it.text;
    items.push_back(std::move(j));
  }
  std::string s = items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  signet_js_publish_items(s.c_str());
  auto css = [dpr](const ImRect& r) {
    return nlohmann::json{{"x", r.Min.x / dpr}, {"y", r.Min.y / dpr}, {"w", r.GetWidth() / dpr},
                          {"h", r.GetHeight() / dpr}};
  };
  nlohmann::json texts = nlohmann::json::array();
  for (const Text& t : g_texts) {
    nlohmann::json j = css(t.rect);
    j["text"] = t.text;
    j["panel"] = css(t.panel);
    texts.push_back(std::move(j));
  }
  s = texts.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  signet_js_publish_texts(s.c_str());
}

}  // namespace test_hooks
