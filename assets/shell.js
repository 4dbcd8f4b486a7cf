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
  }
};
