#include "customer/js_glue.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdlib>

#include "platform/platform.h"

EM_JS(char*, signet_cjs_query, (const char* name), {
  var v = new URLSearchParams(location.search).get(UTF8ToString(name)) || "";
  var n = lengthBytesUTF8(v) + 1;
  var p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(void, signet_cjs_preview, (const char* html, int has_html, float x, float y, float w, float h, int visible), {
  var f = document.getElementById("signet-preview");
  if (!f) {
    if (!visible) return;
    f = document.createElement("iframe");
    f.id = "signet-preview";
    f.setAttribute("sandbox", "allow-same-origin");  // no scripts, forms, popups or top navigation
    f.setAttribute("title", "Signature preview");
    f.setAttribute("referrerpolicy", "no-referrer");
    f.style.position = "fixed";
    f.style.border = "0";
    // No background of its own, nor of its document: Chromium (seen headless, SwiftShader)
    // painted a frame's background over the canvas above the frame, hiding the "Preview for"
    // choice. The canvas draws the white panel under the transparent frame.
    f.style.zIndex = "2";
    f.style.userSelect = "none";
    document.body.style.userSelect = "none";
    document.body.appendChild(f);
  }
  if (!visible) { f.style.display = "none"; return; }
  if (has_html) {
    var s = UTF8ToString(html);
    if (f.srcdoc !== s) f.srcdoc = s;
  }
  if (!f.signetOnload) {
    // The page CSP (style-src 'self') is inherited by srcdoc documents and forbids the
    // signature's inline style attributes: the HTML comes with them as data-signet-style
    // (signet::style_attributes_as_data), and as the sandbox allows no scripts inside the frame,
    // the parent applies each through the CSSOM, which the CSP does not govern.
    f.signetOnload = true;
    f.addEventListener("load", function () {
      try {
        var d = f.contentDocument;
        if (!d) return;
        d.querySelectorAll("[data-signet-style]").forEach(function (el) {
          el.style.cssText = el.getAttribute("data-signet-style");
        });
        d.body.style.margin = "16px";
      } catch (e) {}
    });
  }
  f.style.left = x + "px";
  f.style.top = y + "px";
  f.style.width = Math.max(0, w) + "px";
  f.style.height = Math.max(0, h) + "px";
  f.style.display = "block";
});

EM_JS(void, signet_cjs_download, (const char* url), {
  var a = document.createElement("a");
  a.href = UTF8ToString(url);
  a.setAttribute("download", "");
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { a.remove(); }, 0);
});

// A file input made for this one choice: its change event reads the file and hands the bytes
// to signet_cjs_file_picked (a key file is a few KiB; larger files are refused here).
EM_JS(void, signet_cjs_pick_file, (const char* accept), {
  var input = document.createElement("input");
  input.type = "file";
  input.accept = UTF8ToString(accept);
  input.style.display = "none";
  input.addEventListener("change", function () {
    var f = input.files && input.files[0];
    input.remove();
    if (!f || f.size > 65536) return;
    f.arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf);
      var p = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, p);
      _signet_cjs_file_picked(p, bytes.length);
      _free(p);
    });
  });
  document.body.appendChild(input);
  input.click();
});

EM_JS(int, signet_cjs_utc_offset, (double unix_seconds), {
  return -new Date(unix_seconds * 1000).getTimezoneOffset();
});

EM_JS(void, signet_cjs_go_to, (const char* url), { location.assign(UTF8ToString(url)); });

EM_JS(void, signet_cjs_unsaved, (int dirty), {
  if (!window.signetUnloadGuard) {
    window.signetUnloadGuard = true;
    window.addEventListener("beforeunload", function (e) {
      if (window.signetUnsaved) { e.preventDefault(); e.returnValue = ""; }
    });
  }
  window.signetUnsaved = !!dirty;
});

namespace {
std::function<void(std::string)> g_file_picked;
}

extern "C" EMSCRIPTEN_KEEPALIVE void signet_cjs_file_picked(const char* bytes, int n) {
  platform::mark_dirty();
  auto done = std::move(g_file_picked);
  g_file_picked = nullptr;
  if (done) done(std::string(bytes, static_cast<size_t>(n)));
}

namespace customer::js {

std::string query_param(const char* name) {
  char* p = signet_cjs_query(name);
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

namespace {
float g_last_rect[4] = {-1, -1, -1, -1};
bool g_shown_this_frame = false;
}

void preview_frame_begin() { g_shown_this_frame = false; }
void preview_frame_end() {
  if (!g_shown_this_frame) preview_hide();
}

void preview_show(const std::string& html, float x, float y, float w, float h) {
  g_shown_this_frame = true;
  static std::string last;
  const bool changed = html != last;
  if (changed) last = html;
  const float rect[4] = {x, y, w, h};
  if (!std::equal(rect, rect + 4, g_last_rect)) {
    // The canvas under a moved iframe must be drawn again (Chromium keeps stale pixels).
    std::copy(rect, rect + 4, g_last_rect);
    platform::mark_dirty(3);
  }
  signet_cjs_preview(html.c_str(), changed ? 1 : 0, x, y, w, h, 1);
}

void preview_hide() {
  if (g_last_rect[0] != -1) {
    g_last_rect[0] = -1;
    platform::mark_dirty(3);
    signet_cjs_preview(nullptr, 0, 0, 0, 0, 0, 0);
  }
}

void download(const std::string& url) { signet_cjs_download(url.c_str()); }

void pick_file(const char* accept, std::function<void(std::string bytes)> done) {
  g_file_picked = std::move(done);
  signet_cjs_pick_file(accept);
}

int utc_offset_minutes(double unix_seconds) { return signet_cjs_utc_offset(unix_seconds); }

void go_to(const std::string& url) { signet_cjs_go_to(url.c_str()); }

void set_unsaved(bool dirty) {
  static int last = -1;
  if (last == (int)dirty) return;
  last = dirty;
  signet_cjs_unsaved(dirty ? 1 : 0);
}

}  // namespace customer::js
