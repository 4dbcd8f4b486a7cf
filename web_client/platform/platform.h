// The browser platform layer shared by Signet's WASM apps: one GLFW (Emscripten emulation)
// window on a WebGL2 canvas, HiDPI, DejaVu fonts with Latin Extended glyphs, clipboard,
// mouse cursors, URL/history, and idle handling (frames are drawn only while "dirty").
#pragma once
#include <cstdint>
#include <functional>
#include <string>

struct ImFont;

namespace platform {

struct Config {
  const char* canvas_selector = "#canvas";
  float font_px = 16.0f;                      // CSS pixels; multiplied by devicePixelRatio
  const char* font_url = "/DejaVuSans.ttf";
  const char* bold_font_url = "/DejaVuSans-Bold.ttf";
};

// Creates the window, ImGui context and backends, starts loading fonts.
bool init(const Config& config);
// Runs `frame` between ImGui::NewFrame() and ImGui::Render() whenever something changed.
// Never returns (emscripten_set_main_loop).
void run(std::function<void()> frame);
// Draws no frame until `ready` returns true, so the first frame is a screen the user can act
// on (the HTML shell's boot text shows meanwhile) rather than a loading screen that costs a
// whole frame's drawing and presenting at start-up. Only the first frame waits.
void hold_first_frame_until(std::function<bool()> ready);

// Redraw for the next `frames` frames (events and fetch completions call this).
void mark_dirty(int frames = 6);
// Keep drawing next frame too (spinners and other animations call this every frame).
void keep_animating();
// Mark dirty after `ms` milliseconds (debounce timers, toasts that expire).
void wake_after(double ms);

float dpr();                    // current devicePixelRatio
bool pointer_is_fine();         // the primary pointer is a mouse or trackpad, not a finger
float px(float css_px);         // css_px * dpr
double now_ms();                // monotonic milliseconds
uint64_t frames_rendered();

enum class FontRole { Regular, Bold, Title, Small };
ImFont* font(FontRole role);

// URL / history (no eval: EM_JS).
std::string location_path();
void push_url(const std::string& path);
void replace_url(const std::string& path);
void set_document_title(const std::string& title);

// Language: the choice stored on this browser, else navigator.language ("nl-NL").
std::string language_hint();
// Sets <html lang> and remembers the choice on this browser.
void set_page_language(const std::string& code);
// Reads `text` out to screen readers (an off-screen aria-live region).
void announce(const std::string& text);
// Called with location.pathname when the user navigates back/forward.
void on_popstate(std::function<void(const std::string&)> handler);

}  // namespace platform
