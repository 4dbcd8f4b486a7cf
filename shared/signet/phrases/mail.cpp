// Dutch for the e-mails the server sends (server/mail).
#include "signet/phrases/phrases.h"

namespace signet::phrases {

static const Phrase kMail[] = {
    {"If the button does not work, copy this link:", "Werkt de knop niet? Kopieer dan deze link:"},
    {"Hello {name},", "Hallo {name},"},
    {"Set up your account", "Account aanmaken"},
    {"Your user name is {email}.", "Je gebruikersnaam is {email}."},
    // Customer invitations.
    {"You're invited to {product}", "Je bent uitgenodigd voor {product}"},
    {"{reseller} has invited you to manage the e-mail signatures of {customer} with {product}.",
     "{reseller} nodigt je uit om de e-mailhandtekeningen van {customer} te beheren met {product}."},
    {"{colleague} has invited you to manage the e-mail signatures of {customer} with {product}.",
     "{colleague} nodigt je uit om samen de e-mailhandtekeningen van {customer} te beheren met {product}."},
    {"The link works once and expires in {days} days. If it has expired, ask {who} to send a new invitation.",
     "De link werkt één keer en verloopt over {days} dagen. Is hij verlopen? Vraag {who} dan om een nieuwe "
     "uitnodiging."},
    // Team invitations.
    {"You're invited to join {reseller} on Signet", "Je bent uitgenodigd voor het team van {reseller} op Signet"},
    {"{reseller} has invited you to its Signet reseller portal as {role}.",
     "{reseller} nodigt je uit voor het Signet-resellerportaal met de rol {role}."},
    {"owner (everything, including team and billing)", "eigenaar (alles, ook team en facturatie)"},
    {"billing (billing screens, no signature editing)", "facturatie (facturatieschermen, geen handtekeningen bewerken)"},
    {"support (subscriptions and signature editing, no billing)",
     "support (abonnementen en handtekeningen bewerken, geen facturatie)"},
    {"The link works once and expires in 7 days.", "De link werkt één keer en verloopt over 7 dagen."},
    // Password reset.
    {"Reset your Signet password", "Stel je Signet-wachtwoord opnieuw in"},
    {"Someone (hopefully you) asked to reset the password of {email}.",
     "Iemand (hopelijk jij) heeft gevraagd om het wachtwoord van {email} opnieuw in te stellen."},
    {"Choose a new password", "Kies een nieuw wachtwoord"},
    {"The link works once and expires in one hour. If you did not ask for this, ignore this e-mail: your password "
     "stays as it is.",
     "De link werkt één keer en verloopt over een uur. Heb je dit niet gevraagd? Negeer deze e-mail dan: je "
     "wachtwoord blijft zoals het is."},
};

Table mail() { return {kMail, sizeof kMail / sizeof kMail[0]}; }

}  // namespace signet::phrases
