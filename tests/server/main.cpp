#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "crypto.h"

int main(int argc, char** argv) {
  signet::init_crypto();
  doctest::Context context(argc, argv);
  return context.run();
}
