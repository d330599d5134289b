// HTTPS against the fake serving a self-signed certificate made by
// scripts/make-dev-cert.sh: trusted through ClientConfig::ca_file (and
// zoom-cli --ca-file), refused without it.
#include <gtest/gtest.h>

#include <unistd.h>

#include "client_test_config.h"
#include "fake_zoom.h"
#include "subprocess.h"
#include "zoom_client/client.h"

namespace zoom_client_test {
namespace {

using zoom_client::Client;

class HttpsAgainstFake : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new std::filesystem::path(std::filesystem::path(testing::TempDir()) /
                                       ("zoom-client-tls-" + std::to_string(getpid())));
    const auto made = run_process(ZOOM_MAKE_DEV_CERT, {certs_->string()});
    if (made.exit_code != 0) throw std::runtime_error("make-dev-cert.sh failed: " + made.err);
    fake_ = new FakeZoom(cert(), *certs_ / "dev-key.pem");
  }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
    std::filesystem::remove_all(*certs_);
    delete certs_;
    certs_ = nullptr;
  }

  static std::filesystem::path cert() { return *certs_ / "dev-cert.pem"; }

  static std::filesystem::path* certs_;
  static FakeZoom* fake_;
};

std::filesystem::path* HttpsAgainstFake::certs_ = nullptr;
FakeZoom* HttpsAgainstFake::fake_ = nullptr;

TEST_F(HttpsAgainstFake, RevokesTrustingTheCaFile) {
  ASSERT_TRUE(fake_->api().starts_with("https://")) << fake_->api();
  auto config = fast_config(fake_->api(), "mock-admin-token");
  config.ca_file = cert().string();
  Client client(config);

  const auto revoked = client.revoke_user_sso_token("alice@example.com");

  ASSERT_TRUE(revoked.ok()) << revoked.describe();
  EXPECT_EQ(revoked.value().http_status, 204);
}

TEST_F(HttpsAgainstFake, RefusesTheSelfSignedCertificateWithoutIt) {
  Client client(fast_config(fake_->api(), "mock-admin-token"));

  const auto revoked = client.revoke_user_sso_token("alice@example.com");

  ASSERT_NE(revoked.transport_error(), nullptr) << revoked.describe();
  EXPECT_EQ(revoked.transport_error()->curl_code, 60);  // CURLE_PEER_FAILED_VERIFICATION
}

TEST_F(HttpsAgainstFake, TheCliTrustsItsCaFile) {
  const auto trusted = run_process(ZOOM_CLI_PATH, {"users", "revoke-sso-token", "me", "--base-url",
                                                   fake_->api(), "--token", "mock-admin-token",
                                                   "--ca-file", cert().string()});
  EXPECT_EQ(trusted.exit_code, 0) << trusted.err;

  const auto untrusted = run_process(ZOOM_CLI_PATH, {"users", "revoke-sso-token", "me",
                                                     "--base-url", fake_->api(), "--token",
                                                     "mock-admin-token", "--retries", "0"});
  EXPECT_EQ(untrusted.exit_code, 3);
  EXPECT_NE(untrusted.err.find("(curl code 60)"), std::string::npos) << untrusted.err;
}

}  // namespace
}  // namespace zoom_client_test
