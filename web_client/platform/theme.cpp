#include "platform/theme.h"

namespace theme {
namespace {
ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a);
}
const Colors kColors = {
    /*app_bg*/ rgb(244, 246, 249),
    /*surface*/ rgb(255, 255, 255),
    /*surface_alt*/ rgb(248, 250, 252),
    /*border*/ rgb(221, 226, 233),
    /*text*/ rgb(30, 41, 59),
    /*text_muted*/ rgb(100, 112, 128),
    /*accent*/ rgb(36, 87, 197),
    /*accent_hover*/ rgb(29, 72, 168),
    /*accent_active*/ rgb(23, 58, 140),
    /*accent_soft*/ rgb(226, 235, 252),
    /*danger*/ rgb(185, 28, 28),
    /*danger_soft*/ rgb(254, 226, 226),
    /*success*/ rgb(21, 111, 62),
    /*success_soft*/ rgb(220, 245, 229),
    /*warning*/ rgb(146, 84, 10),
    /*warning_soft*/ rgb(254, 241, 199),
    /*neutral_soft*/ rgb(234, 237, 241),
    /*row_hover*/ rgb(241, 245, 253),
    /*row_selected*/ rgb(221, 232, 252),
};
}  // namespace

const Colors& colors() { return kColors; }
ImU32 u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

void apply(float dpr) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  const Colors& k = kColors;
  style.WindowPadding = ImVec2(24, 20);
  style.FramePadding = ImVec2(10, 8);
  style.CellPadding = ImVec2(12, 8);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 12;
  style.GrabMinSize = 10;
  style.WindowRounding = 10;
  style.ChildRounding = 8;
  style.FrameRounding = 6;
  style.PopupRounding = 8;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 6;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.PopupBorderSize = 1;
  style.FrameBorderSize = 1;
  style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  style.SelectableTextAlign = ImVec2(0.0f, 0.5f);

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = k.text;
  c[ImGuiCol_TextDisabled] = k.text_muted;
  c[ImGuiCol_WindowBg] = k.app_bg;
  c[ImGuiCol_ChildBg] = k.surface;
  c[ImGuiCol_PopupBg] = k.surface;
  c[ImGuiCol_Border] = k.border;
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = k.surface;
  c[ImGuiCol_FrameBgHovered] = k.surface_alt;
  c[ImGuiCol_FrameBgActive] = k.surface;
  c[ImGuiCol_TitleBg] = k.surface;
  c[ImGuiCol_TitleBgActive] = k.surface;
  c[ImGuiCol_TitleBgCollapsed] = k.surface;
  c[ImGuiCol_MenuBarBg] = k.surface;
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = ImVec4(0.55f, 0.60f, 0.67f, 0.45f);
  c[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.45f, 0.50f, 0.57f, 0.65f);
  c[ImGuiCol_ScrollbarGrabActive] = ImVec4(0.40f, 0.45f, 0.52f, 0.85f);
  c[ImGuiCol_CheckMark] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_SliderGrab] = k.accent;
  c[ImGuiCol_SliderGrabActive] = k.accent_active;
  c[ImGuiCol_Button] = k.surface;
  c[ImGuiCol_ButtonHovered] = k.neutral_soft;
  c[ImGuiCol_ButtonActive] = k.border;
  c[ImGuiCol_Header] = k.row_selected;
  c[ImGuiCol_HeaderHovered] = k.row_hover;
  c[ImGuiCol_HeaderActive] = k.row_selected;
  c[ImGuiCol_Separator] = k.border;
  c[ImGuiCol_SeparatorHovered] = k.accent;
  c[ImGuiCol_SeparatorActive] = k.accent;
  c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ResizeGripHovered] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ResizeGripActive] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableHeaderBg] = k.surface_alt;
  c[ImGuiCol_TableBorderStrong] = k.border;
  c[ImGuiCol_TableBorderLight] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
  c[ImGuiCol_TableRowBg] = k.surface;
  c[ImGuiCol_TableRowBgAlt] = k.surface;
  c[ImGuiCol_TextSelectedBg] = ImVec4(k.accent.x, k.accent.y, k.accent.z, 0.25f);
  c[ImGuiCol_NavHighlight] = k.accent;
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.09f, 0.12f, 0.18f, 0.38f);

  style.ScaleAllSizes(dpr);
  ImGui::GetStyle() = style;
}

}  // namespace theme
