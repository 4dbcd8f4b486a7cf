// The browser half of the text agent (platform/text_agent.h says why it exists): one real
// <input> (or <textarea>) per ImGui text field, laid over the field, transparent and
// click-through, in one <form> per ImGui window. The browser edits the focused input —
// typing, IME composition, dead keys, dictation, on-screen keyboards, paste, autofill — and
// every change goes to C++ as the input's whole value and selection, so nothing typed depends
// on how the browser delivered it.
//
// Linked into each app with --pre-js: it shares the app's scope, calls the exported C
// functions (_signet_agent_*, _signet_platform_key) and is called by text_agent.cpp (EM_JS).
// No eval, no inline styles (CSSOM only): the pages keep their strict CSP.
var SignetTextAgent = (function () {
  'use strict';
  var layer = null;           // fixed <div> at the canvas's top-left corner
  var forms = new Map();      // ImGui root window id -> <form>
  var fields = new Map();     // ImGui field id -> field (below)
  var byElement = new WeakMap();
  var activeId = 0;           // the field ImGui edits (C++ says), 0 when none
  var outsideDown = new Set();    // keys pressed outside any input: the GLFW emulation has them
  var forwardedDown = new Set();  // GLFW keys this agent pressed in ImGui and must release

  // GLFW key codes of the keys an input does not edit itself.
  var GLFW_ESCAPE = 256, GLFW_ENTER = 257, GLFW_KP_ENTER = 335;
  var MODIFIERS = { Shift: [340, 344], Control: [341, 345], Alt: [342, 346], Meta: [343, 347] };

  function withCString(s, fn) {
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    try { return fn(p); } finally { _free(p); }
  }

  // What C++ stores must be valid UTF-8: a lone surrogate (half an emoji from a broken paste)
  // becomes U+FFFD, and so does NUL; both keep the string's length, so positions stay right.
  function wellFormed(s) {
    s = s.replace(/\u0000/g, '\uFFFD');
    return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
  }

  function snapshot(f) {
    var el = f.el;
    var start = el.selectionStart == null ? el.value.length : el.selectionStart;
    var end = el.selectionEnd == null ? start : el.selectionEnd;
    return { value: wellFormed(el.value), start: start, end: end,
             backward: el.selectionDirection === 'backward' };
  }

  function same(a, b) {
    return a && b && a.value === b.value && a.start === b.start && a.end === b.end &&
           a.backward === b.backward;
  }

  // Tells C++ what the input holds now, unless it already knows.
  function report(f, force) {
    var s = snapshot(f);
    if (!force && same(s, f.known)) return;
    f.known = s;
    var compEnd = f.composing ? f.compStart + f.compLength : 0;
    withCString(s.value, function (p) {
      _signet_agent_changed(f.id, p, s.start, s.end, s.backward ? 1 : 0, f.composing ? 1 : 0,
                            f.composing ? f.compStart : 0, compEnd);
    });
  }

  function fieldOf(target) { return target && byElement.get(target) || null; }

  function formOf(group) {
    var form = forms.get(group);
    if (!form) {
      form = document.createElement('form');
      form.setAttribute('autocomplete', 'on');
      form.noValidate = true;
      // Enter is ImGui's to act on; the page never navigates.
      form.addEventListener('submit', function (e) { e.preventDefault(); });
      layer.appendChild(form);
      forms.set(group, form);
    }
    return form;
  }

  function makeElement(f, multiline) {
    var el = document.createElement(multiline ? 'textarea' : 'input');
    el.id = 'signet-field-' + (f.id >>> 0);
    el.addEventListener('input', function () { report(f, false); });
    el.addEventListener('compositionstart', function () {
      f.composing = true;
      f.compStart = Math.min(el.selectionStart || 0, el.selectionEnd || 0);
      f.compLength = 0;
    });
    el.addEventListener('compositionupdate', function (e) {
      f.compLength = (e.data || '').length;
    });
    el.addEventListener('compositionend', function () {
      f.composing = false;
      report(f, true);
    });
    el.addEventListener('select', function () { report(f, false); });
    el.addEventListener('focus', function () {
      _signet_agent_focused(f.id);
      report(f, false);
    });
    el.addEventListener('blur', function () {
      f.composing = false;
      _signet_agent_blurred(f.id);
    });
    byElement.set(el, f);
    return el;
  }

  // ---- called by text_agent.cpp ----

  function configure(id, group, a) {
    var f = fields.get(id);
    if (!f) {
      f = { id: id, el: null, group: group, order: 0, multiline: false, known: null,
            composing: false, compStart: 0, compLength: 0 };
      fields.set(id, f);
    }
    if (!f.el || f.multiline !== a.multiline) {
      var old = f.el;
      f.multiline = a.multiline;
      f.el = makeElement(f, a.multiline);
      if (old) old.remove();
    }
    var el = f.el;
    if (!a.multiline) el.type = a.type;
    el.setAttribute('inputmode', a.inputmode);
    el.setAttribute('autocomplete', a.autocomplete);
    el.setAttribute('autocapitalize', a.autocapitalize);
    el.setAttribute('autocorrect', a.spellcheck ? 'on' : 'off');
    el.spellcheck = a.spellcheck;
    el.name = a.autocomplete !== 'off' ? a.autocomplete : 'field-' + (id >>> 0);
    el.readOnly = a.readOnly;
    el.setAttribute('aria-label', a.label);
    f.enterkeyhint = a.enterkeyhint;
    f.group = group;
    var form = formOf(group);
    if (el.parentNode !== form) form.appendChild(el);
    f.known = null;
    el.value = '';
    updateEnterKeyHints(group);
  }

  function place(id, order, x, y, w, h, fontPx, padX) {
    var f = fields.get(id);
    if (!f) return;
    var s = f.el.style;
    s.left = x + 'px';
    s.top = y + 'px';
    s.width = w + 'px';
    s.height = h + 'px';
    // 16 px at least: iOS zooms the page into a focused input with smaller text.
    s.fontSize = Math.max(16, fontPx) + 'px';
    s.paddingLeft = padX + 'px';
    s.paddingRight = padX + 'px';
    if (f.order !== order) {
      f.order = order;
      updateEnterKeyHints(f.group);
    }
  }

  function setValue(id, value, start, end, backward) {
    var f = fields.get(id);
    if (!f || f.composing) return;
    var el = f.el;
    if (el.value !== value) el.value = value;
    try { el.setSelectionRange(start, end, backward ? 'backward' : 'forward'); } catch (e) {}
    f.known = snapshot(f);
  }

  function focus(id) {
    var f = fields.get(id);
    if (f && document.activeElement !== f.el) f.el.focus({ preventScroll: true });
  }

  function blur() {
    var f = fieldOf(document.activeElement);
    if (f) f.el.blur();
  }

  function setActive(id) { activeId = id; }

  function remove(id) {
    var f = fields.get(id);
    if (!f) return;
    fields.delete(id);
    var form = f.el.parentNode;
    f.el.remove();
    if (form && !form.firstChild) {
      forms.forEach(function (v, k) { if (v === form) forms.delete(k); });
      form.remove();
    }
  }

  // ---- Tab and enterkeyhint: the fields of one window, in the order they are drawn ----

  function groupFields(group) {
    var list = [];
    fields.forEach(function (f) { if (f.group === group) list.push(f); });
    list.sort(function (a, b) { return a.order - b.order; });
    return list;
  }

  // The phone keyboard's Enter key says "next" on every field but the last, which says "go".
  function updateEnterKeyHints(group) {
    var list = groupFields(group);
    list.forEach(function (f, i) {
      f.el.setAttribute('enterkeyhint', f.enterkeyhint || (i === list.length - 1 ? 'go' : 'next'));
    });
  }

  function moveFocus(f, dir) {
    var list = groupFields(f.group);
    var i = list.indexOf(f);
    if (list.length < 2 || i < 0) return;
    var next = list[(i + dir + list.length) % list.length];
    next.el.focus({ preventScroll: true });
    next.el.select();  // as Tab into a field does everywhere
  }

  // ---- keys ----

  function mods(e) {
    return (e.shiftKey ? 1 : 0) | (e.ctrlKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
  }

  // The GLFW key ImGui should see for `e` typed into field `f`, or 0 when the input handles
  // the key by itself.
  function forwardedKey(e, f) {
    if (MODIFIERS[e.key]) return MODIFIERS[e.key][e.location === 2 ? 1 : 0];
    if (e.key === 'Escape') return GLFW_ESCAPE;
    if (e.key === 'Enter' && !f.multiline) return e.location === 3 ? GLFW_KP_ENTER : GLFW_ENTER;
    return 0;
  }

  // Keys that put text into a field or edit it (not shortcuts of the app).
  function editsText(e) {
    if (e.ctrlKey || e.metaKey) return /^[acvxyz]$/i.test(e.key);
    return e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete' ||
           e.key === 'Dead' || e.key === 'Process' || e.keyCode === 229;
  }

  function onKeyDown(e) {
    var f = fieldOf(e.target);
    if (!f && activeId && fields.has(activeId) && editsText(e)) {
      // ImGui edits a field but the focus is elsewhere (the page lost and got back the
      // focus): move it to the field's input before the browser delivers the key's text.
      f = fields.get(activeId);
      f.el.focus({ preventScroll: true });
    }
    if (!f) {
      outsideDown.add(e.keyCode);
      return;  // the GLFW emulation handles it
    }
    e.stopImmediatePropagation();  // the input edits; the GLFW emulation must not see the key
    if (e.isComposing || e.keyCode === 229) return;  // the IME's (Enter commits, Esc cancels)
    if (e.key === 'Tab') {
      e.preventDefault();
      moveFocus(f, e.shiftKey ? -1 : 1);
      return;
    }
    var key = forwardedKey(e, f);
    if (!key) return;
    if (!MODIFIERS[e.key]) e.preventDefault();
    forwardedDown.add(key);
    _signet_platform_key(key, e.repeat ? 2 : 1, mods(e));
  }

  function onKeyUp(e) {
    if (outsideDown.delete(e.keyCode)) return;  // the GLFW emulation saw it go down
    var f = fieldOf(e.target);
    if (!f) return;
    e.stopImmediatePropagation();
    var key = forwardedKey(e, f);
    if (key && forwardedDown.delete(key)) _signet_platform_key(key, 0, mods(e));
    report(f, false);  // arrows, Home, End moved the caret
  }

  function onKeyPress(e) {
    if (fieldOf(e.target)) e.stopImmediatePropagation();
  }

  // ---- the phone keyboard: keep the canvas to the part of the page one can see ----

  // The canvas and this layer follow the visual viewport through two CSS variables (signet.css):
  // Emscripten clears the canvas's own style height whenever it resizes the drawing buffer.
  function onViewport() {
    var vv = window.visualViewport;
    if (!vv || Math.abs(vv.scale - 1) > 0.01) return;  // pinch-zoomed: leave the page alone
    var root = document.documentElement.style;
    root.setProperty('--signet-viewport-top', vv.offsetTop + 'px');
    root.setProperty('--signet-viewport-height', vv.height + 'px');
    _signet_platform_viewport_changed();
  }

  function install() {
    layer = document.createElement('div');
    layer.id = 'signet-text-layer';
    document.body.appendChild(layer);
    // Capture listeners on window, added before glfwInit() adds the emulation's.
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    window.addEventListener('keypress', onKeyPress, true);
    document.addEventListener('selectionchange', function () {
      var f = fieldOf(document.activeElement);
      if (f) report(f, false);
    });
    // A click on the canvas must not take the focus from the field's input: ImGui decides
    // whether the field stays active (and C++ then blurs the input or keeps it).
    Module.canvas.addEventListener('mousedown', function (e) {
      if (fieldOf(document.activeElement)) e.preventDefault();
    }, true);
    if (window.visualViewport) {
      window.visualViewport.addEventListener('resize', onViewport);
      window.visualViewport.addEventListener('scroll', onViewport);
    }
    window.signetTest = window.signetTest || {};
    window.signetTest.textAgent = function () {
      var f = fieldOf(document.activeElement);
      return { focused: f ? (f.id >>> 0) : 0, active: activeId >>> 0, fields: fields.size };
    };
  }

  return { install: install, configure: configure, place: place, setValue: setValue,
           focus: focus, blur: blur, setActive: setActive, remove: remove };
})();
