// The cryptography under live deployment: the secret box that seals service account keys in the
// database, the key file it reads, the parsing of Google's key JSON and the RS256 assertion,
// checked with OpenSSL against the key's public half.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "deploy/secret_box.h"
#include "deploy/service_account.h"
#include "rsa_keys.h"
#include "test_support.h"

using namespace signet;

namespace {

std::string key_json(const std::string& pem, const std::string& type = "service_account",
                     const std::string& email = "deployer@acme-signet.iam.gserviceaccount.com") {
  return nlohmann::json{{"type", type},
                        {"project_id", "acme-signet"},
                        {"private_key_id", "4f2a9c"},
                        {"private_key", pem},
                        {"client_email", email},
                        {"token_uri", "https://attacker.example/token"}}
      .dump();
}

}  // namespace

TEST_CASE("the secret box opens only what it sealed, under its own key") {
  const SecretBox box(std::string(32, 'k'));
  const std::string sealed = box.seal("-----BEGIN PRIVATE KEY-----");
  CHECK(sealed.find("BEGIN") == std::string::npos);
  CHECK(box.open(sealed) == std::optional<std::string>("-----BEGIN PRIVATE KEY-----"));
  CHECK(box.seal("same") != box.seal("same"));  // a fresh nonce each time
  CHECK_FALSE(SecretBox(std::string(32, 'x')).open(sealed));
  std::string forged = sealed;
  forged.back() ^= 1;
  CHECK_FALSE(box.open(forged));
  CHECK_FALSE(box.open(sealed.substr(0, 20)));
  CHECK_THROWS(SecretBox("short"));
}

TEST_CASE("the key file is made once, readable by its owner only, and a bad one is refused") {
  test::TempDir dir;
  const std::string file = dir.file("secret.key");
  unsetenv("SIGNET_SECRET_KEY");
  const SecretBox first = SecretBox::from_environment_or_file(file);
  struct stat st {};
  REQUIRE(stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const SecretBox again = SecretBox::from_environment_or_file(file);
  CHECK(again.open(first.seal("kept")) == std::optional<std::string>("kept"));  // the same key

  std::ofstream(dir.file("bad.key")) << "not a key\n";
  CHECK_THROWS_WITH(SecretBox::from_environment_or_file(dir.file("bad.key")),
                    doctest::Contains("base64-encoded 32-byte key"));

  const std::string env_key = SecretBox::new_key_base64();
  setenv("SIGNET_SECRET_KEY", env_key.c_str(), 1);
  const SecretBox from_env = SecretBox::from_environment_or_file(file);
  CHECK_FALSE(from_env.open(first.seal("x")));  // the environment's key wins over the file
  unsetenv("SIGNET_SECRET_KEY");
}

TEST_CASE("a service account key is accepted only whole, with an RSA private key") {
  const test::Pkey rsa = test::new_rsa_key();
  const std::string pem = test::private_key_pem(rsa.get());
  const auto parsed = parse_service_account_key(key_json(pem));
  REQUIRE(std::holds_alternative<ServiceAccountKey>(parsed));
  CHECK(std::get<ServiceAccountKey>(parsed).client_email == "deployer@acme-signet.iam.gserviceaccount.com");
  CHECK(std::get<ServiceAccountKey>(parsed).private_key_id == "4f2a9c");

  auto message = [](const std::string& json) {
    const auto r = parse_service_account_key(json);
    return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string("accepted");
  };
  CHECK(message("{nope") == "The key file is not JSON. Upload the JSON key of the service account, as Google Cloud console downloads it.");
  CHECK(message(key_json(pem, "authorized_user")) == "This is not a service account key: its \"type\" is not \"service_account\".");
  CHECK(message(key_json(pem, "service_account", "")) == "The key has no valid \"client_email\".");
  CHECK(message(key_json("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")) ==
        "The key's \"private_key\" is not an RSA private key in PEM form.");
  const test::Pkey ec(EVP_EC_gen("P-256"), EVP_PKEY_free);
  CHECK(message(key_json(test::private_key_pem(ec.get()))) == "The key's \"private_key\" is not an RSA private key in PEM form.");
}

TEST_CASE("the assertion is an RS256 JWT for one user that the key's public half verifies") {
  const test::Pkey rsa = test::new_rsa_key();
  const auto key = std::get<ServiceAccountKey>(parse_service_account_key(key_json(test::private_key_pem(rsa.get()))));
  const std::string jwt = service_account_assertion(key, "anna@acme.example",
                                                    "https://www.googleapis.com/auth/gmail.settings.basic",
                                                    "http://127.0.0.1:9/token", 1'800'000'000);
  const size_t dot1 = jwt.find('.'), dot2 = jwt.rfind('.');
  REQUIRE(dot1 != std::string::npos);
  REQUIRE(dot2 > dot1);
  const auto header = nlohmann::json::parse(from_base64url(jwt.substr(0, dot1)).value());
  const auto claims = nlohmann::json::parse(from_base64url(jwt.substr(dot1 + 1, dot2 - dot1 - 1)).value());
  CHECK(header == nlohmann::json{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "4f2a9c"}});
  CHECK(claims["iss"] == "deployer@acme-signet.iam.gserviceaccount.com");
  CHECK(claims["sub"] == "anna@acme.example");
  CHECK(claims["scope"] == "https://www.googleapis.com/auth/gmail.settings.basic");
  CHECK(claims["aud"] == "http://127.0.0.1:9/token");  // the server's endpoint, never the key's token_uri
  CHECK(claims["iat"] == 1'800'000'000);
  CHECK(claims["exp"] == 1'800'003'600);
  const std::string signature = from_base64url(jwt.substr(dot2 + 1)).value();
  CHECK(test::rs256_valid(rsa.get(), jwt.substr(0, dot2), signature));
  std::string tampered = jwt.substr(0, dot2);
  tampered[dot1 + 3] ^= 1;
  CHECK_FALSE(test::rs256_valid(rsa.get(), tampered, signature));
  const test::Pkey other = test::new_rsa_key();
  CHECK_FALSE(test::rs256_valid(other.get(), jwt.substr(0, dot2), signature));
}
