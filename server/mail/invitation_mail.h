// The invitation e-mail a customer contact receives when the reseller lets them edit.
#pragma once
#include <string>

#include "mail/mail_message.h"
#include "signet/model.h"

namespace signet {

struct InvitationMailData {
  Product product = Product::M365;
  std::string reseller_name;
  std::string customer_name;
  std::string contact_name;
  std::string contact_email;
  std::string link;  // {base-url}/invite/{token}
  int valid_days = 7;
  std::string language = "en";  // "en" or "nl"
};

MailMessage invitation_mail(const InvitationMailData& d, const std::string& from,
                            const std::string& message_id);

// A colleague invited into the reseller's team with a role.
MailMessage team_invitation_mail(const std::string& reseller_name, const std::string& name, const std::string& email,
                                 const std::string& role, const std::string& link, const std::string& from,
                                 const std::string& message_id);

}  // namespace signet
