#include "mail/mail_queue.h"

#include <algorithm>
#include <iostream>

#include "storage/mail_store.h"

namespace signet {

MailQueue::MailQueue(ConnectionPool& pool, std::unique_ptr<MailTransport> transport, Clock clock,
                     RetryPolicy retry)
    : pool_(pool), transport_(std::move(transport)), clock_(std::move(clock)), retry_(retry) {}

MailQueue::~MailQueue() { stop(); }

void MailQueue::start() { worker_ = std::thread([this] { run(); }); }

void MailQueue::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void MailQueue::notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = true;
  }
  wake_.notify_all();
}

int MailQueue::deliver_due() {
  int delivered = 0;
  // One mail claimed at a time: a claim covers one delivery, however long the batch.
  while (true) {
    std::optional<QueuedMail> claimed;
    {
      auto c = pool_.acquire();
      const int64_t now = clock_();
      claimed = MailStore(*c).claim_next(now, now + retry_.claim_seconds);
    }
    if (!claimed) break;
    const QueuedMail& m = *claimed;
    const int attempts = m.attempts + 1;
    std::string error;
    try {  // no connection is held while talking to the mail server
      transport_->send({m.message_id, m.sender, m.recipient, m.rfc5322, m.note});
    } catch (const std::exception& e) {
      error = e.what();
    }
    auto c = pool_.acquire();
    MailStore store(*c);
    if (error.empty()) {
      store.mark_sent(m.id, clock_());
      ++delivered;
    } else if (attempts >= retry_.max_attempts) {
      store.mark_failed(m.id, attempts, clock_(), error);
      std::cerr << "Signet: giving up on mail " << m.message_id << " to " << m.recipient << ": "
                << error << std::endl;
    } else {
      const int64_t delay = std::min(retry_.max_delay_seconds,
                                     retry_.first_delay_seconds << std::min(attempts - 1, 20));
      store.mark_retry(m.id, attempts, clock_() + delay, error);
      std::cerr << "Signet: mail " << m.message_id << " to " << m.recipient << " not sent ("
                << error << "); retry " << attempts << " in " << delay << " s" << std::endl;
    }
  }
  return delivered;
}

void MailQueue::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    pending_ = false;
    lock.unlock();
    std::optional<int64_t> next;
    try {
      deliver_due();
      auto c = pool_.acquire();
      next = MailStore(*c).next_due_at();
    } catch (const std::exception& e) {
      std::cerr << "Signet: mail queue: " << e.what() << std::endl;
      next = clock_() + 5;
    }
    lock.lock();
    if (stopping_ || pending_) continue;
    const int64_t wait = next ? std::clamp<int64_t>(*next - clock_(), 0, 60) : 60;
    if (wait > 0 || !next)
      wake_.wait_for(lock, std::chrono::seconds(wait), [&] { return stopping_ || pending_; });
  }
}

}  // namespace signet
