// Test hooks for browser tests. Built with IMGUI_ENABLE_TEST_ENGINE: ImGui reports every item's
// rectangle and label; at the end of each drawn frame we publish, in CSS pixels (÷ dpr) and
// clipped to the item's window, to `window.signetTest`:
//   signetTest.screen  current screen name (always)
//   signetTest.frames  frames rendered so far (always; idle tests read it)
//   signetTest.interactiveAt  performance.now() of the first frame that drew a screen the user
//                      can act on (anything but "loading": sign-in, the list, setup, invite…)
//   signetTest.buildMs CPU ms of building each recent frame, NewFrame..Render (always; for
//                      scripts/bench-browser.sh)
//   signetTest.items   [{label, text, x, y, w, h}]  (only when window.SIGNET_TEST was true at
//                      start-up, or the URL has ?signet_test; costs nothing otherwise)
//   signetTest.texts   [{text, x, y, w, h, panel: {x, y, w, h}}]: every block of text the ui::
//                      widgets drew and the panel it must stay in (its card, dialog, table cell,
//                      button or window), for the layout tests (same condition as items)
#pragma once
#include "imgui_internal.h"

namespace test_hooks {

void install();      // after ImGui::CreateContext()
void begin_frame();  // after ImGui::NewFrame()
void end_frame(float dpr);
bool enabled();

// Names the last item (a rectangle ImGui would not label itself, or a friendlier name).
// `text` is optional content published with it (e.g. an error message).
void name_last_item(const char* name, const char* text = nullptr);
void set_screen(const char* screen);
// A block of text drawn at `rect` (device px) that belongs inside `panel`.
void text_drawn(const char* text, const ImRect& rect, const ImRect& panel);
// window.signetTest[name] = value (always; figures for scripts/bench-browser.sh).
void publish_number(const char* name, double value);
// True once the app draws a screen the user can act on (see interactiveAt above).
bool screen_is_interactive();

}  // namespace test_hooks
