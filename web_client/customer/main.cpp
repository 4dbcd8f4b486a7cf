// Signet customer entry point (WASM): /invite/{token} and /editor/. Holds no reseller or
// billing screens; links only the platform layer and the shared model.
#include "customer/app.h"
#include "platform/platform.h"

int main() {
  platform::Config config;
  if (!platform::init(config)) return 1;
  customer::app().start();
  platform::run([] { customer::app().frame(); });
  return 0;
}
