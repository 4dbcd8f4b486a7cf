#include "mail/invitation_mail.h"

namespace signet {

namespace {

// The Dutch invitation: the help article the product comes from is Dutch, and so are
// most of the first resellers' customers.
MailMessage invitation_mail_nl(const InvitationMailData& d, const std::string& from, const std::string& message_id) {
  const std::string product(display_name(d.product));
  MailMessage m;
  m.message_id = message_id;
  m.from = from;
  m.to = d.contact_email;
  m.subject = "Je bent uitgenodigd voor " + product;
  m.text = "Hallo " + d.contact_name + ",\n\n" + d.reseller_name + " nodigt je uit om de e-mailhandtekeningen van " +
           d.customer_name + " te beheren met " + product + ".\n\n" +
           "Open deze link om je account aan te maken (je gebruikersnaam is " + d.contact_email + "):\n\n" + d.link +
           "\n\nDe link werkt één keer en verloopt over " + std::to_string(d.valid_days) +
           " dagen. Is hij verlopen? Vraag " + d.reseller_name + " dan om een nieuwe uitnodiging.\n";
  const std::string e_reseller = escape_html(d.reseller_name);
  const std::string e_link = escape_html(d.link);
  m.html =
      "<!doctype html><html lang=\"nl\"><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2937\">"
      "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\"><tr><td style=\"padding:24px\">"
      "<p>Hallo " + escape_html(d.contact_name) + ",</p>"
      "<p><strong>" + e_reseller + "</strong> nodigt je uit om de e-mailhandtekeningen van <strong>" +
      escape_html(d.customer_name) + "</strong> te beheren met " + escape_html(product) + ".</p>"
      "<p><a href=\"" + e_link + "\" style=\"display:inline-block;background:#2563eb;color:#ffffff;"
      "padding:10px 18px;border-radius:6px;text-decoration:none\">Account aanmaken</a></p>"
      "<p>Je gebruikersnaam is " + escape_html(d.contact_email) + ". Werkt de knop niet? Kopieer dan deze link:<br>" +
      e_link + "</p><p style=\"color:#6b7280\">De link werkt één keer en verloopt over " + std::to_string(d.valid_days) +
      " dagen. Is hij verlopen? Vraag " + e_reseller + " dan om een nieuwe uitnodiging.</p>"
      "</td></tr></table></body></html>";
  return m;
}

}  // namespace

MailMessage invitation_mail(const InvitationMailData& d, const std::string& from,
                            const std::string& message_id) {
  if (d.language == "nl") return invitation_mail_nl(d, from, message_id);
  const std::string product(display_name(d.product));
  MailMessage m;
  m.message_id = message_id;
  m.from = from;
  m.to = d.contact_email;
  m.subject = "You're invited to " + product;
  m.text = "Hello " + d.contact_name + ",\n\n" + d.reseller_name + " has invited you to manage the e-mail signatures of " +
           d.customer_name + " with " + product + ".\n\n" +
           "Open this link to set up your account (your user name is " + d.contact_email + "):\n\n" +
           d.link + "\n\nThe link works once and expires in " + std::to_string(d.valid_days) +
           " days. If it has expired, ask " + d.reseller_name + " to send a new invitation.\n";
  const std::string e_reseller = escape_html(d.reseller_name);
  const std::string e_link = escape_html(d.link);
  m.html =
      "<!doctype html><html><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2937\">"
      "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\"><tr><td style=\"padding:24px\">"
      "<p>Hello " + escape_html(d.contact_name) + ",</p>"
      "<p><strong>" + e_reseller + "</strong> has invited you to manage the e-mail signatures of <strong>" +
      escape_html(d.customer_name) + "</strong> with " + escape_html(product) + ".</p>"
      "<p><a href=\"" + e_link + "\" style=\"display:inline-block;background:#2563eb;color:#ffffff;"
      "padding:10px 18px;border-radius:6px;text-decoration:none\">Set up your account</a></p>"
      "<p>Your user name is " + escape_html(d.contact_email) + ". If the button does not work, copy this link:<br>" +
      e_link + "</p><p style=\"color:#6b7280\">The link works once and expires in " + std::to_string(d.valid_days) +
      " days. If it has expired, ask " + e_reseller + " to send a new invitation.</p>"
      "</td></tr></table></body></html>";
  return m;
}

MailMessage team_invitation_mail(const std::string& reseller_name, const std::string& name, const std::string& email,
                                 const std::string& role, const std::string& link, const std::string& from,
                                 const std::string& message_id) {
  MailMessage m;
  m.message_id = message_id;
  m.from = from;
  m.to = email;
  m.subject = "You're invited to join " + reseller_name + " on Signet";
  m.text = "Hello " + name + ",\n\n" + reseller_name + " has invited you to its Signet reseller portal as " + role +
           ".\n\nOpen this link to set up your account (your user name is " + email + "):\n\n" + link +
           "\n\nThe link works once and expires in 7 days.\n";
  m.html = "<!doctype html><html><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2937\"><p>Hello " +
           escape_html(name) + ",</p><p><strong>" + escape_html(reseller_name) +
           "</strong> has invited you to its Signet reseller portal as " + escape_html(role) + ".</p><p><a href=\"" +
           escape_html(link) + "\" style=\"display:inline-block;background:#2563eb;color:#ffffff;padding:10px 18px;"
           "border-radius:6px;text-decoration:none\">Set up your account</a></p><p>Your user name is " + escape_html(email) +
           ". If the button does not work, copy this link:<br>" + escape_html(link) +
           "</p><p style=\"color:#6b7280\">The link works once and expires in 7 days.</p></body></html>";
  return m;
}

}  // namespace signet
