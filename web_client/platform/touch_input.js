// Touch on the canvas, as people expect it on a phone or tablet: a tap is a click, a drag
// scrolls what is under the finger. The GLFW emulation's own touch handling presses the mouse
// at the previous pointer position (it only reads SDL's touch fields) and lets the browser add
// emulated mouse events after it, so one tap clicked twice, once in the wrong place.
//
// A tap on a text field must focus the field's input inside the touch handler: iOS opens the
// on-screen keyboard only for a focus given there. So the tap's frame runs right away
// (_signet_platform_pump), ImGui activates the field, and the text agent focuses its input
// before the handler returns.
//
// Linked with --pre-js, like text_agent.js; installed by platform::init() before glfwInit(), so
// these listeners run first and the emulation's never see a touch.
var SignetTouch = (function () {
  'use strict';
  var SCROLL_SLOP = 10;  // CSS px a finger may wander before a tap becomes a drag
  var touch = null;      // the finger being followed: {id, x0, y0, x, y, dragging}

  function devicePos(t) {
    var c = Module.canvas, r = c.getBoundingClientRect();
    return { x: (t.clientX - r.left) * (c.width / r.width),
             y: (t.clientY - r.top) * (c.height / r.height) };
  }

  function find(list, id) {
    for (var i = 0; i < list.length; ++i) if (list[i].identifier === id) return list[i];
    return null;
  }

  function onStart(e) {
    e.preventDefault();            // no emulated mouse events, no double-tap zoom
    e.stopImmediatePropagation();  // nor the emulation's handler
    if (e.touches.length > 1) {    // a second finger: not a tap, not a scroll
      touch = null;
      _signet_platform_touch(2, 0, 0);
      return;
    }
    var t = e.changedTouches[0];
    touch = { id: t.identifier, x0: t.clientX, y0: t.clientY, x: t.clientX, y: t.clientY,
              dragging: false };
    var p = devicePos(t);
    _signet_platform_touch(0, p.x, p.y);  // hover where the finger is: the scroll target
  }

  function onMove(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
    var t = touch && find(e.changedTouches, touch.id);
    if (!t) return;
    if (!touch.dragging &&
        Math.hypot(t.clientX - touch.x0, t.clientY - touch.y0) > SCROLL_SLOP) touch.dragging = true;
    if (touch.dragging) {
      var dpr = Module.canvas.width / Module.canvas.getBoundingClientRect().width;
      _signet_platform_touch_scroll((t.clientX - touch.x) * dpr, (t.clientY - touch.y) * dpr);
    }
    touch.x = t.clientX;
    touch.y = t.clientY;
  }

  function onEnd(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
    var t = touch && find(e.changedTouches, touch.id);
    if (!t) return;
    var tap = !touch.dragging;
    touch = null;
    if (!tap) {
      _signet_platform_touch(2, 0, 0);
      return;
    }
    var p = devicePos(t);
    _signet_platform_touch(1, p.x, p.y);
    _signet_platform_pump();
  }

  function onCancel(e) {
    e.stopImmediatePropagation();
    touch = null;
    _signet_platform_touch(2, 0, 0);
  }

  function install() {
    var c = Module.canvas, opts = { capture: true, passive: false };
    c.addEventListener('touchstart', onStart, opts);
    c.addEventListener('touchmove', onMove, opts);
    c.addEventListener('touchend', onEnd, opts);
    c.addEventListener('touchcancel', onCancel, opts);
  }

  return { install: install };
})();
