// Test hooks for browser tests. Built with IMGUI_ENABLE_TEST_ENGINE: ImGui reports every item's
// rectangle and label; at the end of each drawn frame we publish, in CSS pixels (÷ dpr) and
// clipped to the item's window, to `window.signetTest`:
//   signetTest.screen  current screen name (always)
//   signetTest.frames  frames rendered so far (always; idle tests read it)
//   signetTest.items   [{label, text, x, y, w, h}]  (only when window.SIGNET_TEST was true at
//                      start-up, or the URL has ?signet_test; costs nothing otherwise)
#pragma once

namespace test_hooks {

void install();      // after ImGui::CreateContext()
void begin_frame();  // after ImGui::NewFrame()
void end_frame(float dpr);
bool enabled();

// Names the last item (a rectangle ImGui would not label itself, or a friendlier name).
// `text` is optional content published with it (e.g. an error message).
void name_last_item(const char* name, const char* text = nullptr);
void set_screen(const char* screen);

}  // namespace test_hooks
