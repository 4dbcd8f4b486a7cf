// Signet's calm light theme: white surfaces on a light grey page, one blue accent.
#pragma once
#include "imgui.h"

namespace theme {

struct Colors {
  ImVec4 app_bg, surface, surface_alt, border, text, text_muted, accent, accent_hover,
      accent_active, accent_soft, danger, danger_soft, success, success_soft, warning,
      warning_soft, neutral_soft, row_hover, row_selected;
};
const Colors& colors();
ImU32 u32(const ImVec4& c);

// Sets ImGui's style for this ratio (sizes are CSS pixels x dpr).
void apply(float dpr);

}  // namespace theme
