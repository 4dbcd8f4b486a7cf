#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <execinfo.h>
#include <unistd.h>

#include <csignal>

#include "crypto.h"

namespace {

// doctest reports a fatal signal under the running test case, then restores the handlers it
// found and raises the signal again: this one, which adds where it happened. A crash in CI
// then says which code crashed, not only during which test.
void print_backtrace_and_die(int sig) {
  void* frames[64];
  const int n = backtrace(frames, 64);
  static const char header[] = "fatal signal; backtrace (addr2line -e test_server -f -C <offset>):\n";
  (void)!write(STDERR_FILENO, header, sizeof header - 1);
  backtrace_symbols_fd(frames, n, STDERR_FILENO);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

int main(int argc, char** argv) {
  signet::init_crypto();
  // A write to a pipe or socket whose reader has gone (a server that exited early, an admin
  // command that did not read its input) then fails with EPIPE, which the test reports, instead
  // of killing the whole run without a word.
  std::signal(SIGPIPE, SIG_IGN);
  void* warm_up[1];
  backtrace(warm_up, 1);  // loads the unwinder now: the handler must not allocate
  for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTERM}) std::signal(sig, print_backtrace_and_die);
  doctest::Context context(argc, argv);
  return context.run();
}
