// The e-mail with a password reset link.
#pragma once
#include <string>

#include "mail/mail_message.h"

namespace signet {

MailMessage password_reset_mail(const std::string& name, const std::string& email, const std::string& link,
                                 const std::string& from, const std::string& message_id);

}  // namespace signet
