// Browser glue of the customer app (EM_JS, CSP-safe): query string, the sandboxed preview
// iframe laid over the ImGui preview area, downloads, the unload guard.
#pragma once
#include <functional>
#include <string>


namespace customer::js {

std::string query_param(const char* name);
// Shows `html` in a sandboxed iframe (no scripts, no same-origin) at the CSS-pixel rectangle.
void preview_show(const std::string& html, float x, float y, float w, float h);
void preview_hide();
// Around each frame: a preview not shown during the frame is hidden at its end (its tab or
// screen is gone, or a dialog covers it).
void preview_frame_begin();
void preview_frame_end();
// Starts a download of a same-origin URL (the server sends Content-Disposition).
void download(const std::string& url);
// Leaves this app for another page of the site (a reseller belongs in the portal at "/").
void go_to(const std::string& url);
// Opens the browser's file chooser (`accept`: ".json,application/json"); `done` gets the chosen
// file's bytes. Called from a click, so the browser lets the chooser open. Nothing happens when
// the person cancels.
void pick_file(const char* accept, std::function<void(std::string bytes)> done);
// Minutes to add to UTC for the browser's local time at `unix_seconds`.
int utc_offset_minutes(double unix_seconds);
// Asks the browser to confirm leaving the page while `dirty`.
void set_unsaved(bool dirty);

}  // namespace customer::js
