#include "mail/mail_transport.h"

#include <curl/curl.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace signet {

namespace {

class SmtpTransport : public MailTransport {
 public:
  explicit SmtpTransport(std::string url) : url_(std::move(url)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }

  void send(const OutgoingMail& mail) override {
    CURL* curl = curl_easy_init();
    if (!curl) throw std::runtime_error("libcurl could not start");
    Reader reader{mail.rfc5322, 0};
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + mail.from + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &Reader::read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK)
      throw std::runtime_error(std::string("SMTP: ") + (error[0] ? error : curl_easy_strerror(rc)));
  }

 private:
  struct Reader {
    const std::string& data;
    size_t offset;
    static size_t read(char* buffer, size_t size, size_t count, void* self) {
      auto* r = static_cast<Reader*>(self);
      const size_t n = std::min(size * count, r->data.size() - r->offset);
      std::copy_n(r->data.data() + r->offset, n, buffer);
      r->offset += n;
      return n;
    }
  };
  std::string url_;
};

class OutboxTransport : public MailTransport {
 public:
  explicit OutboxTransport(std::string dir) : dir_(std::move(dir)) {}

  void send(const OutgoingMail& mail) override {
    std::filesystem::create_directories(dir_);
    std::string name;
    for (char c : mail.message_id)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') name += c;
    const std::filesystem::path final_path = std::filesystem::path(dir_) / (name + ".eml");
    const std::filesystem::path temp = final_path.string() + ".tmp";
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      out << mail.rfc5322;
      out.flush();
      if (!out) throw std::runtime_error("outbox: cannot write " + temp.string());
    }
    std::filesystem::rename(temp, final_path);  // readers never see half a message
    std::cout << "Signet: mail to " << mail.to << " written to " << final_path.string()
              << (mail.note.empty() ? "" : " — " + mail.note) << std::endl;
  }

 private:
  std::string dir_;
};

}  // namespace

std::unique_ptr<MailTransport> make_smtp_transport(const std::string& url) {
  return std::make_unique<SmtpTransport>(url);
}

std::unique_ptr<MailTransport> make_outbox_transport(const std::string& dir) {
  return std::make_unique<OutboxTransport>(dir);
}

}  // namespace signet
