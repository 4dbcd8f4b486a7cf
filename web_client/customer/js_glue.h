// Browser glue of the customer app (EM_JS, CSP-safe): query string, the sandboxed preview
// iframe laid over the ImGui preview area, downloads, raw-body fetch, the unload guard.
#pragma once
#include <functional>
#include <string>

#include "net/http.h"

namespace customer::js {

std::string query_param(const char* name);
// Shows `html` in a sandboxed iframe (no scripts, no same-origin) at the CSS-pixel rectangle.
void preview_show(const std::string& html, float x, float y, float w, float h);
void preview_hide();
// Starts a download of a same-origin URL (the server sends Content-Disposition).
void download(const std::string& url);
// Leaves this app for another page of the site (a reseller belongs in the portal at "/").
void go_to(const std::string& url);
// Asks the browser to confirm leaving the page while `dirty`.
void set_unsaved(bool dirty);
// POST/PUT with a non-JSON body (CSV import). The response is JSON like net::request's.
void send_text(const char* method, const std::string& url, const std::string& content_type,
               const std::string& body, net::Callback done);

}  // namespace customer::js
