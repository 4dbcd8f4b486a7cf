// Delivers queued mail in the background. Creating a subscription only writes a row into
// mail_queue (in the same transaction); this worker sends it, retrying with exponential
// backoff while the mail server is down, slow or refusing. Delivery is at-least-once: a
// crash between "sent" and "marked sent" sends again with the same Message-ID, which
// receiving systems use to de-duplicate.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "clock.h"
#include "mail/mail_transport.h"
#include "storage/connection_pool.h"

namespace signet {

struct RetryPolicy {
  int64_t first_delay_seconds = 30;  // then doubling
  int64_t max_delay_seconds = 3600;
  int max_attempts = 15;  // about ten hours with the defaults; then "failed"
  // A claimed mail is due again after this, in case its server died before marking it.
  int64_t claim_seconds = 300;
};

class MailQueue {
 public:
  MailQueue(ConnectionPool& pool, std::unique_ptr<MailTransport> transport, Clock clock,
            RetryPolicy retry = {});
  ~MailQueue();

  void start();
  void stop();
  // Wakes the worker: something was enqueued.
  void notify();
  // Sends everything due now, on the calling thread. Returns how many were delivered.
  int deliver_due();

 private:
  void run();

  ConnectionPool& pool_;
  std::unique_ptr<MailTransport> transport_;
  Clock clock_;
  RetryPolicy retry_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool pending_ = false;
  std::thread worker_;
};

}  // namespace signet
