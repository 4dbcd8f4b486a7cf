// Signet reseller portal (WASM). The platform layer owns the window and the loop; App owns
// the state and draws one full-window screen per frame.
#include "platform/platform.h"
#include "portal/app.h"

int main() {
  platform::Config config;
  if (!platform::init(config)) return 1;
  portal::app().start();
  platform::run([] { portal::app().frame(); });
  return 0;
}
