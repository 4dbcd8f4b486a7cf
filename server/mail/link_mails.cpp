#include "mail/link_mails.h"

namespace signet {

namespace {

// What every link mail says, already translated and filled in; the layout is shared.
struct LinkMailText {
  std::string subject;
  std::string greeting;
  std::string intro;
  std::string button;
  std::string user_name_line;  // may be empty
  std::string footnote;
};

std::string t(std::string_view english, Language lang, std::initializer_list<Arg> args = {}) {
  return fill(translate(english, lang), args);
}

MailMessage link_mail(const MailEnvelope& e, const LinkMailText& text, const std::string& link) {
  const Language lang = e.language;
  const std::string copy_hint = t(phrase("If the button does not work, copy this link:"), lang);
  MailMessage m;
  m.message_id = e.message_id;
  m.from = e.from;
  m.to = e.to;
  m.subject = text.subject;
  m.text = text.greeting + "\n\n" + text.intro + "\n\n" + text.button + ":\n\n" + link + "\n\n" +
           (text.user_name_line.empty() ? "" : text.user_name_line + "\n\n") + text.footnote + "\n";
  m.html = "<!doctype html><html lang=\"" + std::string(language_code(lang)) +
           "\"><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2937\">"
           "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\"><tr><td style=\"padding:24px\">"
           "<p>" + escape_html(text.greeting) + "</p><p>" + escape_html(text.intro) + "</p>"
           "<p><a href=\"" + escape_html(link) + "\" style=\"display:inline-block;background:#2563eb;color:#ffffff;"
           "padding:10px 18px;border-radius:6px;text-decoration:none\">" + escape_html(text.button) + "</a></p>" +
           (text.user_name_line.empty() ? "" : "<p>" + escape_html(text.user_name_line) + "</p>") +
           "<p>" + escape_html(copy_hint) + "<br>" + escape_html(link) + "</p>"
           "<p style=\"color:#6b7280\">" + escape_html(text.footnote) + "</p>"
           "</td></tr></table></body></html>";
  return m;
}

std::string role_name(const std::string& role, Language lang) {
  if (role == "owner") return t(phrase("owner (everything, including team and billing)"), lang);
  if (role == "billing") return t(phrase("billing (billing screens, no signature editing)"), lang);
  return t(phrase("support (subscriptions and signature editing, no billing)"), lang);
}

}  // namespace

MailMessage invitation_mail(const MailEnvelope& e, const InvitationMailData& d) {
  const Language lang = e.language;
  const std::string product(translate(display_name(d.product), lang));
  LinkMailText text;
  text.subject = t(phrase("You're invited to {product}"), lang, {{"product", product}});
  text.greeting = t(phrase("Hello {name},"), lang, {{"name", d.contact_name}});
  text.intro = d.invited_by.empty()
                   ? t(phrase("{reseller} has invited you to manage the e-mail signatures of {customer} with {product}."),
                       lang, {{"reseller", d.reseller_name}, {"customer", d.customer_name}, {"product", product}})
                   : t(phrase("{colleague} has invited you to manage the e-mail signatures of {customer} with {product}."),
                       lang, {{"colleague", d.invited_by}, {"customer", d.customer_name}, {"product", product}});
  text.button = t(phrase("Set up your account"), lang);
  text.user_name_line = t(phrase("Your user name is {email}."), lang, {{"email", e.to}});
  text.footnote = t(phrase("The link works once and expires in {days} days. If it has expired, ask {who} to send a new invitation."),
                    lang, {{"days", std::to_string(d.valid_days)},
                           {"who", d.invited_by.empty() ? d.reseller_name : d.invited_by}});
  return link_mail(e, text, d.link);
}

MailMessage team_invitation_mail(const MailEnvelope& e, const std::string& reseller_name, const std::string& name,
                                 const std::string& role, const std::string& link) {
  const Language lang = e.language;
  LinkMailText text;
  text.subject = t(phrase("You're invited to join {reseller} on Signet"), lang, {{"reseller", reseller_name}});
  text.greeting = t(phrase("Hello {name},"), lang, {{"name", name}});
  text.intro = t(phrase("{reseller} has invited you to its Signet reseller portal as {role}."), lang,
                 {{"reseller", reseller_name}, {"role", role_name(role, lang)}});
  text.button = t(phrase("Set up your account"), lang);
  text.user_name_line = t(phrase("Your user name is {email}."), lang, {{"email", e.to}});
  text.footnote = t(phrase("The link works once and expires in 7 days."), lang);
  return link_mail(e, text, link);
}

MailMessage password_reset_mail(const MailEnvelope& e, const std::string& name, const std::string& link) {
  const Language lang = e.language;
  LinkMailText text;
  text.subject = t(phrase("Reset your Signet password"), lang);
  text.greeting = t(phrase("Hello {name},"), lang, {{"name", name}});
  text.intro = t(phrase("Someone (hopefully you) asked to reset the password of {email}."), lang, {{"email", e.to}});
  text.button = t(phrase("Choose a new password"), lang);
  text.footnote = t(phrase("The link works once and expires in one hour. If you did not ask for this, ignore this "
                           "e-mail: your password stays as it is."),
                    lang);
  return link_mail(e, text, link);
}

}  // namespace signet
