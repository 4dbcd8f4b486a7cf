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
['signet-font-regular', 'signet-font-bold'].forEach(function (id) {
  var link = document.getElementById(id);
  if (!link) return;
  fetch(link.href).then(function (r) { return r.ok ? r.arrayBuffer() : null; })
    .then(function (b) { if (b) Module.signetFonts[id] = new Uint8Array(b); })
    .catch(function () {});
});
