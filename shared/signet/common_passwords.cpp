// Passwords that meet the length rule yet appear near the top of public breach corpora
// and cracking word lists. ASVS asks to refuse them; composition rules are not used.
#include <string_view>

#include "signet/text.h"
#include "signet/validation.h"

namespace signet {

static constexpr std::string_view kCommonPasswords[] = {
    "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011",
    "111111111111", "000000000000", "121212121212", "123123123123", "123412341234",
    "987654321098", "098765432109", "012345678901", "147258369147", "159753159753",
    "qwertyuiopas", "qwertyuiop123", "qwerty123456", "qwertyqwerty", "1q2w3e4r5t6y",
    "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "zaq12wsxcde3", "asdfghjklzxc", "azertyuiop12",
    "password1234", "password12345", "password123456", "passwordpassword", "password1!",
    "p@ssw0rd1234", "p@ssword1234", "passw0rd1234", "mypassword123", "changeme1234",
    "letmein12345", "letmeinplease", "welcome12345", "welcome123456", "welkom123456",
    "wachtwoord123", "wachtwoord1234", "wachtwoordwachtwoord", "iloveyou1234", "iloveyou12345",
    "administrator", "administrator1", "administrator123", "admin1234567", "adminadmin123",
    "superman1234", "batman123456", "football1234", "baseball1234", "starwars1234",
    "sunshine1234", "princess1234", "trustno1trustno1", "whatever1234", "monkey123456",
    "dragon123456", "master123456", "shadow123456", "michael12345", "jennifer1234",
    "computer1234", "internet1234", "abcdefghijkl", "abcdefghijklm", "abcdefg12345",
    "abc123abc123", "abcd12345678", "aaaaaaaaaaaa", "zzzzzzzzzzzz", "qazwsxedcrfv",
    "correcthorsebatterystaple", "thequickbrownfox", "lovelovelove", "summer2024!!",
    "winter2024!!", "spring2025!!", "autumn2025!!", "december2025", "january2026",
    "signet123456", "signaturessignatures", "microsoft365", "googleworkspace", "office365office365",
};

bool is_common_password(std::string_view password) {
  const std::string lower = ascii_lower(password);
  for (std::string_view p : kCommonPasswords)
    if (lower == p) return true;
  // One character repeated ("xxxxxxxxxxxx") is as weak as the list entries.
  if (!lower.empty() && lower.find_first_not_of(lower[0]) == std::string::npos) return true;
  return false;
}

}  // namespace signet
