// The e-mails that carry a link: invitations (customer contact, customer colleague, reseller
// team) and password resets. Each is written in the recipient's language from the phrase
// tables (shared/signet/phrases/mail.cpp) and laid out by one builder.
#pragma once
#include <string>

#include "mail/mail_message.h"
#include "signet/i18n.h"
#include "signet/model.h"

namespace signet {

struct MailEnvelope {
  std::string to;
  std::string from;
  std::string message_id;
  Language language = Language::En;
};

// A customer contact (or a colleague of theirs, `invited_by` set) invited to the editor.
struct InvitationMailData {
  Product product = Product::M365;
  std::string reseller_name;
  std::string customer_name;
  std::string contact_name;
  std::string link;             // {base-url}/invite/{token}
  int valid_days = 7;
  std::string invited_by;       // the colleague who invited; empty when the reseller did
};
MailMessage invitation_mail(const MailEnvelope& envelope, const InvitationMailData& d);

// A colleague invited into the reseller's team with a role ("owner", "billing", "support").
MailMessage team_invitation_mail(const MailEnvelope& envelope, const std::string& reseller_name,
                                 const std::string& name, const std::string& role, const std::string& link);

MailMessage password_reset_mail(const MailEnvelope& envelope, const std::string& name, const std::string& link);

}  // namespace signet
