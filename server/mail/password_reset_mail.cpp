#include "mail/password_reset_mail.h"

namespace signet {

MailMessage password_reset_mail(const std::string& name, const std::string& email, const std::string& link,
                                const std::string& from, const std::string& message_id) {
  MailMessage m;
  m.message_id = message_id;
  m.from = from;
  m.to = email;
  m.subject = "Reset your Signet password";
  m.text = "Hello " + name + ",\n\nSomeone (hopefully you) asked to reset the password of " + email +
           ".\n\nChoose a new password here:\n\n" + link +
           "\n\nThe link works once and expires in one hour. If you did not ask for this, ignore this e-mail: "
           "your password stays as it is.\n";
  m.html = "<!doctype html><html><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2937\">"
           "<p>Hello " + escape_html(name) + ",</p><p>Someone (hopefully you) asked to reset the password of " +
           escape_html(email) + ".</p><p><a href=\"" + escape_html(link) +
           "\" style=\"display:inline-block;background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;"
           "text-decoration:none\">Choose a new password</a></p><p>If the button does not work, copy this link:<br>" +
           escape_html(link) + "</p><p style=\"color:#6b7280\">The link works once and expires in one hour. If you "
           "did not ask for this, ignore this e-mail: your password stays as it is.</p></body></html>";
  return m;
}

}  // namespace signet
