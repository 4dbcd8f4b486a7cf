#include "platform/platform.h"

#include <emscripten.h>
#include <emscripten/fetch.h>
#include <emscripten/html5.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/text_agent.h"
#include "platform/theme.h"
#include "test_hooks/test_hooks.h"

namespace platform {
namespace {

Config g_config;
GLFWwindow* g_window = nullptr;
int g_dirty = 6;
bool g_animating = false;
float g_dpr = 1.0f;
float g_font_dpr = 0.0f;  // ratio the atlas was built for
uint64_t g_frames = 0;
std::function<void()> g_frame;
std::function<void(const std::string&)> g_popstate;
std::vector<unsigned char> g_font_regular, g_font_bold;
int g_fonts_pending = 0;
ImFont* g_fonts[4] = {};
ImGuiMouseCursor g_last_cursor = -2;

// Latin + Latin-1, Latin Extended-A/B, combining accents, Greek, Cyrillic, Latin Extended
// Additional (Vietnamese), general punctuation (dashes, quotes, ellipsis, bullet), euro sign,
// arrows, check mark, warning sign and U+FFFD, which stands in for any character the font
// lacks (CJK, emoji: they are kept and stored, only drawn as the fallback). Glyphs the
// build-time subset lacks are skipped; the subset list is in web_client/CMakeLists.txt.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0100, 0x024F, 0x0300, 0x036F, 0x0370, 0x03FF, 0x0400, 0x052F,
    0x1E00, 0x1EFF, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2122, 0x2122, 0x2190, 0x21FF,
    0x2212, 0x2212, 0x25A0, 0x25FF, 0x26A0, 0x26A0, 0x2713, 0x2717, 0xFFFD, 0xFFFD, 0,
};

}  // namespace
}  // namespace platform

// ---- JavaScript glue (EM_JS: no eval, CSP-safe) ----

EM_JS(char*, signet_js_pathname, (), {
  var s = location.pathname;
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, signet_js_history, (int replace, const char* path), {
  var p = UTF8ToString(path);
  if (location.pathname === p) { if (replace) history.replaceState({}, "", p); return; }
  if (replace) history.replaceState({}, "", p); else history.pushState({}, "", p);
});
EM_JS(void, signet_js_title, (const char* t), { document.title = UTF8ToString(t); });
EM_JS(int, signet_js_pointer_is_fine, (), { return matchMedia('(pointer: fine)').matches ? 1 : 0; });
EM_JS(char*, signet_js_language_hint, (), {
  // The user's earlier choice on this browser, else the browser's own language.
  var s = "";
  try { s = localStorage.getItem("signet.language") || ""; } catch (e) {}
  if (!s) s = navigator.language || "";
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, signet_js_set_language, (const char* code), {
  var c = UTF8ToString(code);
  document.documentElement.lang = c;
  try { localStorage.setItem("signet.language", c); } catch (e) {}
});
EM_JS(void, signet_js_announce, (const char* text), {
  // A canvas has no DOM for screen readers: an off-screen live region reads out screen
  // changes, errors and confirmations.
  var live = document.getElementById("signet-live");
  if (!live) {
    live = document.createElement("div");
    live.id = "signet-live";
    live.className = "sr-only";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("role", "status");
    document.body.appendChild(live);
  }
  live.textContent = UTF8ToString(text);
  window.signetTest.announced = live.textContent;
});
EM_JS(void, signet_js_set_cursor, (const char* c), { Module.canvas.style.cursor = UTF8ToString(c); });
EM_JS(void, signet_js_write_clipboard, (const char* t), {
  var s = UTF8ToString(t);
  try { if (navigator.clipboard) navigator.clipboard.writeText(s).catch(function () {}); } catch (e) {}
});
// Before glfwInit(): the text agent's and touch listeners must run before the emulation's.
EM_JS(void, signet_js_install_input, (), { SignetTouch.install(); });
EM_JS(void, signet_js_install_listeners, (), {
  window.addEventListener('popstate', function () { _signet_platform_popstate(); });
  // The 3.1.6 GLFW emulation passes raw wheel deltas (pixels, inverted sign) to the scroll
  // callback; normalise here instead: one notch (100 px, 3 lines) = 1 step, up positive.
  Module.canvas.addEventListener('wheel', function (e) {
    var m = e.deltaMode == 1 ? 1 / 3 : (e.deltaMode == 2 ? 80 : 1 / 100);
    _signet_platform_wheel(-e.deltaX * m, -e.deltaY * m);
    e.preventDefault();
  }, { passive: false });
  document.addEventListener('visibilitychange', function () { _signet_platform_wake(); });
  window.signetTest = window.signetTest || {};
  window.signetTest.frames = 0;
});
EM_JS(void, signet_js_frame_count, (double n), {
  window.signetTest.frames = n;
});
// The href of a <link id=...> in the HTML shell ("" when absent): the build gives fonts
// content-hashed names and the shell preloads them, so the app takes their URLs from there.
EM_JS(char*, signet_js_link_href, (const char* id), {
  var e = document.getElementById(UTF8ToString(id));
  var s = e ? (e.getAttribute('href') || "") : "";
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
// The bytes of a font shell.js fetched early (Module.signetFonts), copied into `out` (malloc'd;
// the caller frees it); returns their length, or 0 when they have not arrived.
EM_JS(int, signet_js_take_prefetched, (const char* id, unsigned char** out), {
  var fonts = Module.signetFonts || {};
  var key = UTF8ToString(id);
  var bytes = fonts[key];
  if (!bytes) return 0;
  delete fonts[key];
  var p = _malloc(bytes.length);
  HEAPU8.set(bytes, p);
  HEAPU32[out >> 2] = p;
  return bytes.length;
});
// For scripts/bench-browser.sh: CPU time of building each frame (NewFrame .. Render, in ms;
// the last 2000 frames) and the time of the first interactive frame (performance.now()).
EM_JS(void, signet_js_frame_build_ms, (double ms), {
  var t = window.signetTest;
  if (!t.buildMs) t.buildMs = [];
  if (t.buildMs.length >= 2000) t.buildMs.shift();
  t.buildMs.push(ms);
});
EM_JS(void, signet_js_interactive, (), {
  window.signetTest.interactiveAt = performance.now();
});
// glfwSetWindowSize() in the 3.1.6 emulation requests fullscreen instead of resizing when
// the size equals the screen size (a maximised window at dpr 1, headless browsers). Resize the
// canvas directly; GLFW's resize listener then updates the window size and calls back.
EM_JS(void, signet_js_set_canvas_size, (int w, int h), {
  Browser.setCanvasSize(w, h);
});
EM_JS(void, signet_js_ready, (), {
  if (Module.signetReady) Module.signetReady();
  window.signetTest.ready = true;
});

extern "C" {
EMSCRIPTEN_KEEPALIVE void signet_platform_popstate() {
  platform::mark_dirty();
  if (platform::g_popstate) platform::g_popstate(platform::location_path());
}
EMSCRIPTEN_KEEPALIVE void signet_platform_wake() { platform::mark_dirty(); }
EMSCRIPTEN_KEEPALIVE void signet_platform_wheel(double dx, double dy) {
  if (!ImGui::GetCurrentContext()) return;
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += (float)dx;
  io.MouseWheel += (float)dy;
  platform::mark_dirty();
}
}

namespace platform {
namespace {

// Copy buttons write the system clipboard. Reading it is never needed: a paste goes into the
// focused field's input (text agent), as the browser delivers it.
void set_clipboard(void*, const char* text) { signet_js_write_clipboard(text ? text : ""); }

// ---- Input queue ----
// Dear ImGui 1.86 has no input queue: a key pressed and released between two frames (a quick
// tap, or synthetic events) would never be seen, and characters typed after Tab could land in
// the previous field. GLFW events are queued here and fed to ImGui in order, at most one state
// change per key/button per frame, and with a quiet frame after each key press (so that focus
// changes such as Tab take effect before later input). Every event also makes the UI dirty.
// Text never comes this way: the GLFW emulation only sees keypress events, which IMEs, dead
// keys, on-screen keyboards and autofill never send. It comes from the text agent.
enum class EvType { Key, Button, Move, Leave };
struct Ev {
  EvType type;
  int a = 0, b = 0, c = 0, d = 0;
  double x = 0, y = 0;
};
std::vector<Ev> g_queue;
bool g_mouse_down[5] = {};
ImVec2 g_mouse_pos(-FLT_MAX, -FLT_MAX);
int g_quiet_frames = 0;

bool is_modifier(int key) {
  return key == GLFW_KEY_LEFT_SHIFT || key == GLFW_KEY_RIGHT_SHIFT ||
         key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL ||
         key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT ||
         key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

void push(const Ev& e) {
  g_queue.push_back(e);
  mark_dirty();
}
void on_cursor(GLFWwindow*, double x, double y) { push({EvType::Move, 0, 0, 0, 0, x, y}); }
void on_button(GLFWwindow*, int button, int action, int mods) {
  push({EvType::Button, button, action, mods});
}
void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
  push({EvType::Key, key, scancode, action, mods});
}
void on_enter(GLFWwindow* w, int entered) {
  ImGui_ImplGlfw_CursorEnterCallback(w, entered);
  if (!entered) push({EvType::Leave});
  mark_dirty();
}
void on_focus(GLFWwindow* w, int focused) {
  ImGui_ImplGlfw_WindowFocusCallback(w, focused);
  mark_dirty();
}

// Feeds queued events for this frame; call after ImGui_ImplGlfw_NewFrame().
void apply_input_queue() {
  ImGuiIO& io = ImGui::GetIO();
  size_t i = 0;
  if (g_quiet_frames > 0) {
    --g_quiet_frames;
  } else {
    bool key_pressed = false, button_changed = false;
    int changed_keys[8], n_changed = 0;
    bool button_seen[5] = {};
    for (; i < g_queue.size(); ++i) {
      const Ev& e = g_queue[i];
      bool stop = false;
      switch (e.type) {
        case EvType::Key: {
          if (e.c == GLFW_REPEAT) {
            ImGui_ImplGlfw_KeyCallback(g_window, e.a, e.b, e.c, e.d);
            break;
          }
          bool seen = false;
          for (int k = 0; k < n_changed; ++k) seen |= changed_keys[k] == e.a;
          const bool press = e.c == GLFW_PRESS;
          if (seen || n_changed == 8 || (press && !is_modifier(e.a) && key_pressed)) {
            stop = true;
            break;
          }
          ImGui_ImplGlfw_KeyCallback(g_window, e.a, e.b, e.c, e.d);
          changed_keys[n_changed++] = e.a;
          if (press && !is_modifier(e.a)) key_pressed = true;
          break;
        }
        case EvType::Button:
          if (e.a < 0 || e.a >= 5) break;
          if (button_seen[e.a]) {
            stop = true;
            break;
          }
          button_seen[e.a] = true;
          button_changed = true;
          g_mouse_down[e.a] = e.b == GLFW_PRESS;
          break;
        case EvType::Move:
          if (button_changed) {  // a click is judged where it happened
            stop = true;
            break;
          }
          g_mouse_pos = ImVec2((float)e.x, (float)e.y);
          break;
        case EvType::Leave:
          if (button_changed) {
            stop = true;
            break;
          }
          g_mouse_pos = ImVec2(-FLT_MAX, -FLT_MAX);
          break;
      }
      if (stop) break;
    }
    if (key_pressed) g_quiet_frames = 1;
  }
  g_queue.erase(g_queue.begin(), g_queue.begin() + (long)i);
  if (!g_queue.empty() || g_quiet_frames > 0) keep_animating();
  io.MousePos = g_mouse_pos;
  for (int b = 0; b < 5; ++b) io.MouseDown[b] = g_mouse_down[b];
}

// The canvas's size in device pixels (its CSS size times devicePixelRatio); sets g_dpr.
void canvas_pixels(int* w, int* h) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(g_config.canvas_selector, &css_w, &css_h);
  g_dpr = (float)emscripten_get_device_pixel_ratio();
  if (g_dpr <= 0.0f) g_dpr = 1.0f;
  *w = std::max(1, (int)std::lround(css_w * g_dpr));
  *h = std::max(1, (int)std::lround(css_h * g_dpr));
}

void apply_canvas_size() {
  int w = 0, h = 0;
  canvas_pixels(&w, &h);
  signet_js_set_canvas_size(w, h);  // no-op when unchanged: resizing clears the drawing buffer
  mark_dirty();
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  apply_canvas_size();
  return EM_FALSE;
}

void rebuild_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;
  cfg.OversampleH = 1;  // PixelSnapH puts glyphs on whole pixels: oversampling would be wasted
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  const float base = g_config.font_px * g_dpr;
  auto add = [&](std::vector<unsigned char>& data, float size) -> ImFont* {
    if (data.empty()) return nullptr;
    return io.Fonts->AddFontFromMemoryTTF(data.data(), (int)data.size(), std::floor(size), &cfg,
                                          kGlyphRanges);
  };
  ImFont* regular = add(g_font_regular, base);
  if (!regular) regular = io.Fonts->AddFontDefault();
  ImFont* bold = add(g_font_bold, base);
  ImFont* title = add(g_font_bold, base * 1.375f);
  ImFont* small = add(g_font_regular, base * 0.875f);
  g_fonts[0] = regular;
  g_fonts[1] = bold ? bold : regular;
  g_fonts[2] = title ? title : regular;
  g_fonts[3] = small ? small : regular;
  io.FontDefault = regular;
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  theme::apply(g_dpr);
  g_font_dpr = g_dpr;
}

void font_loaded(emscripten_fetch_t* f) {
  auto* target = static_cast<std::vector<unsigned char>*>(f->userData);
  if (f->status == 200 && f->numBytes > 0) target->assign(f->data, f->data + f->numBytes);
  emscripten_fetch_close(f);
  if (--g_fonts_pending == 0) {
    g_font_dpr = 0.0f;  // triggers a build on the next frame
    mark_dirty();
  }
}

std::string link_href(const char* id, const char* fallback);

// Takes the font's bytes from shell.js's early fetch when they are in, else requests them.
void fetch_font(const char* link_id, const char* fallback_url, std::vector<unsigned char>* target) {
  unsigned char* bytes = nullptr;
  if (const int n = signet_js_take_prefetched(link_id, &bytes); n > 0) {
    target->assign(bytes, bytes + n);
    std::free(bytes);
    return;
  }
  const std::string url = link_href(link_id, fallback_url);
  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strcpy(attr.requestMethod, "GET");
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
  attr.userData = target;
  attr.onsuccess = font_loaded;
  attr.onerror = font_loaded;
  ++g_fonts_pending;
  emscripten_fetch(&attr, url.c_str());
}

const char* css_cursor(ImGuiMouseCursor c) {
  switch (c) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
  }
}

bool g_ready_announced = false;  // a frame has been drawn
bool g_interactive_announced = false;
std::function<bool()> g_first_frame_ready;

void main_loop() {
  if (g_fonts_pending > 0) return;  // nothing sensible to draw without the font
  // Before the first frame, not even the font atlas: uploading it would make the browser
  // composite the canvas once more before the frame that shows something.
  if (!g_ready_announced && g_first_frame_ready && !g_first_frame_ready()) return;
  if (g_font_dpr != g_dpr) {
    rebuild_fonts();
    mark_dirty();
  }
  if (g_dirty <= 0 && !g_animating) return;  // idle: the canvas keeps its last image
  if (g_dirty > 0) --g_dirty;
  g_animating = false;

  const double build_start = emscripten_get_now();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // One key press spans two frames here (press, then release), and ImGui repeats a key held
  // longer than KeyRepeatDelay (0.275 s): on a slow or just-woken frame that doubled a Tab or a
  // paste. No frame counts for more than 0.1 s.
  if (ImGui::GetIO().DeltaTime > 0.1f) ImGui::GetIO().DeltaTime = 0.1f;
  apply_input_queue();
  ImGui::NewFrame();
  test_hooks::begin_frame();
  text_agent::begin_frame();
  if (g_frame) g_frame();
  text_agent::end_frame();
  ImGui::Render();
  const double build_ms = emscripten_get_now() - build_start;

  int w = 0, h = 0;
  glfwGetFramebufferSize(g_window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = theme::colors().app_bg;
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  ImGuiMouseCursor cur = ImGui::GetMouseCursor();
  if (cur != g_last_cursor) {
    g_last_cursor = cur;
    signet_js_set_cursor(css_cursor(cur));
  }
  ++g_frames;
  test_hooks::end_frame(g_dpr);
  signet_js_frame_count((double)g_frames);
  signet_js_frame_build_ms(build_ms);
  if (!g_interactive_announced && test_hooks::screen_is_interactive()) {
    g_interactive_announced = true;
    signet_js_interactive();
  }
  if (!g_ready_announced) {
    g_ready_announced = true;
    signet_js_ready();
  }
}

void wake_cb(void*) { mark_dirty(); }

std::string link_href(const char* id, const char* fallback) {
  char* p = signet_js_link_href(id);
  std::string s = p && *p ? p : fallback;
  std::free(p);
  return s;
}

}  // namespace

bool init(const Config& config) {
  g_config = config;
  text_agent::install();
  signet_js_install_input();
  if (!glfwInit()) return false;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // Created at the canvas's final size: resizing a WebGL canvas afterwards reallocates its
  // drawing buffer, which cost 130-190 ms of start-up under SwiftShader (bench-browser.sh).
  int w = 0, h = 0;
  canvas_pixels(&w, &h);
  g_window = glfwCreateWindow(w, h, "Signet", nullptr, nullptr);
  if (!g_window) return false;
  glfwMakeContextCurrent(g_window);

  signet_js_install_listeners();
  glfwSetCursorPosCallback(g_window, on_cursor);
  glfwSetMouseButtonCallback(g_window, on_button);
  glfwSetKeyCallback(g_window, on_key);
  glfwSetCursorEnterCallback(g_window, on_enter);
  glfwSetWindowFocusCallback(g_window, on_focus);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: layout is fixed, nothing to persist
  io.LogFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would force frames while idle
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  // Our callbacks (above) queue the events and feed ImGui's backend themselves.
  ImGui_ImplGlfw_InitForOpenGL(g_window, false);
  // After the backend's init, which installs glfwGet/SetClipboardString (stubs in 3.1.6).
  io.GetClipboardTextFn = nullptr;
  io.SetClipboardTextFn = set_clipboard;
  ImGui_ImplOpenGL3_Init("#version 300 es");
  test_hooks::install();

  apply_canvas_size();
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_resize);
  fetch_font("signet-font-regular", g_config.font_url, &g_font_regular);
  fetch_font("signet-font-bold", g_config.bold_font_url, &g_font_bold);
  return true;
}

void run(std::function<void()> frame) {
  g_frame = std::move(frame);
  emscripten_set_main_loop(main_loop, 0, false);
}

void hold_first_frame_until(std::function<bool()> ready) { g_first_frame_ready = std::move(ready); }

void mark_dirty(int frames) {
  if (g_dirty < frames) g_dirty = frames;
}
void keep_animating() { g_animating = true; }
void wake_after(double ms) { emscripten_set_timeout(wake_cb, ms, nullptr); }

float dpr() { return g_dpr; }
bool pointer_is_fine() { return signet_js_pointer_is_fine() != 0; }
float px(float css_px) { return css_px * g_dpr; }
double now_ms() { return emscripten_get_now(); }
uint64_t frames_rendered() { return g_frames; }

ImFont* font(FontRole role) {
  ImFont* f = g_fonts[(int)role];
  return f ? f : ImGui::GetFont();
}

std::string location_path() {
  char* p = signet_js_pathname();
  std::string s = p ? p : "/";
  std::free(p);
  return s;
}
void push_url(const std::string& path) { signet_js_history(0, path.c_str()); }
void replace_url(const std::string& path) { signet_js_history(1, path.c_str()); }
void set_document_title(const std::string& title) { signet_js_title(title.c_str()); }

std::string language_hint() {
  char* p = signet_js_language_hint();
  std::string s = p ? p : "";
  std::free(p);
  return s;
}
void set_page_language(const std::string& code) { signet_js_set_language(code.c_str()); }
void announce(const std::string& text) { signet_js_announce(text.c_str()); }
void on_popstate(std::function<void(const std::string&)> handler) { g_popstate = std::move(handler); }

}  // namespace platform

// ---- Called by text_agent.js and touch_input.js ----
extern "C" {

// A key the text agent leaves to ImGui (Enter, Escape, modifiers), typed into a field's input.
EMSCRIPTEN_KEEPALIVE void signet_platform_key(int key, int action, int mods) {
  platform::push({platform::EvType::Key, key, 0, action, mods});
}

// A finger on the canvas at (x, y), device pixels. kind 0: it touched down there (hover, so a
// drag scrolls what is under it); 1: it tapped there (a click); 2: it left or was cancelled.
EMSCRIPTEN_KEEPALIVE void signet_platform_touch(int kind, double x, double y) {
  using platform::EvType;
  if (kind == 2) {
    platform::push({EvType::Leave});
    return;
  }
  platform::push({EvType::Move, 0, 0, 0, 0, x, y});
  if (kind == 1) {
    platform::push({EvType::Button, 0, GLFW_PRESS, 0});
    platform::push({EvType::Button, 0, GLFW_RELEASE, 0});
    platform::push({EvType::Leave});  // no hover left behind where the finger was
  }
}

// A drag by (dx, dy) device pixels. ImGui scrolls five lines per wheel step; dividing by that
// makes the content follow the finger.
EMSCRIPTEN_KEEPALIVE void signet_platform_touch_scroll(double dx, double dy) {
  if (!ImGui::GetCurrentContext()) return;
  ImGuiIO& io = ImGui::GetIO();
  const float line = io.FontDefault ? io.FontDefault->FontSize : platform::px(16);
  io.MouseWheelH += (float)(dx / (5 * line));
  io.MouseWheel += (float)(dy / (5 * line));
  platform::mark_dirty();
}

// Draws the next frame now, inside the event handler that calls it: a tap on a text field must
// focus its input before the touch handler returns (touch_input.js says why).
EMSCRIPTEN_KEEPALIVE void signet_platform_pump() { platform::main_loop(); }

// The visible part of the page changed (an on-screen keyboard opened or closed): the canvas
// was resized to it; the field being edited scrolls into view.
EMSCRIPTEN_KEEPALIVE void signet_platform_viewport_changed() {
  platform::apply_canvas_size();
  text_agent::reveal_active();
}

}  // extern "C"
