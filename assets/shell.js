// Bootstraps an Emscripten app into #canvas. Loaded before the app script; no inline script,
// no eval, so the pages work under a strict Content-Security-Policy.
var Module = {
  canvas: (function () {
    var c = document.getElementById('canvas');
    c.addEventListener('webglcontextlost', function (e) { e.preventDefault(); }, false);
    c.addEventListener('contextmenu', function (e) { e.preventDefault(); }, false);
    return c;
  })(),
  print: function (t) { console.log(t); },
  printErr: function (t) { console.warn(t); },
  signetReady: function () {
    var b = document.getElementById('boot');
    if (b) b.className = 'hidden';
  },
  // The fonts the HTML preloads, fetched now while the WebAssembly downloads and compiles:
  // the app takes the bytes at start-up (platform.cpp) and draws its first frame with them
  // instead of waiting a frame or two for its own requests. Keyed by the <link> id.
  signetFonts: {}
};
// The WebGL2 context, created now at the canvas's final size (CSS size x devicePixelRatio, as
// platform.cpp computes it) instead of when the app starts: the browser's first composite of a
// new context (about 250 ms of CPU under SwiftShader) then overlaps the WebAssembly download.
// Emscripten adopts it (-sGL_PREINITIALIZED_CONTEXT); without it the app creates its own.
(function () {
  var c = Module.canvas, r = c.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  c.width = Math.max(1, Math.round(r.width * dpr));
  c.height = Math.max(1, Math.round(r.height * dpr));
  // Opaque, no depth or stencil: Dear ImGui draws with scissors and blending only.
  var gl = c.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false });
  if (!gl) return;
  gl.clearColor(244 / 255, 246 / 255, 249 / 255, 1);  // the app's background (theme.cpp app_bg)
  gl.clear(gl.COLOR_BUFFER_BIT);
  Module.preinitializedWebGLContext = gl;
})();
['signet-font-regular', 'signet-font-bold'].forEach(function (id) {
  var link = document.getElementById(id);
  if (!link) return;
  fetch(link.href).then(function (r) { return r.ok ? r.arrayBuffer() : null; })
    .then(function (b) { if (b) Module.signetFonts[id] = new Uint8Array(b); })
    .catch(function () {});
});
