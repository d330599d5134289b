// The zoom-mock-server binary, run as a subprocess: flags, exit codes, the
// listening line, the access log and graceful shutdown.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "test_support.h"

namespace zoom_mock {
namespace {

using testing::ChildProcess;
using testing::run_process;

const std::string kServer = ZOOM_MOCK_SERVER_BIN;

// The binary quiet on a free port with the default fixtures, then `flags`.
std::vector<std::string> quiet_server(const std::vector<std::string>& flags) {
  std::vector<std::string> command = {kServer, "--port", "0", "--quiet", "--fixtures",
                                      ZOOM_FIXTURES_DIR};
  command.insert(command.end(), flags.begin(), flags.end());
  return command;
}

// Starts the binary on a free port; returns the port from its first line.
int start_listening(ChildProcess& child) {
  const std::string line = child.read_stdout_line(10000);
  std::smatch match;
  static const std::regex kListening(R"(zoom-mock-server listening on https?://127\.0\.0\.1:(\d+))");
  if (!std::regex_match(line, match, kListening)) {
    ADD_FAILURE() << "unexpected first line: \"" << line << "\"; stderr: " << child.err();
    return -1;
  }
  return std::stoi(match[1]);
}

TEST(CliTest, HelpAndVersion) {
  auto help = run_process({kServer, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--fixtures DIR"), std::string::npos);
  auto version = run_process({kServer, "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(version.out.starts_with("zoom-mock-server ")) << version.out;
}

TEST(CliTest, UsageErrorsExit2NamingTheFlag) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--bogus"}, "unknown option \"--bogus\""},
      {{"--port"}, "--port needs a number"},
      {{"--port", "http"}, "--port: \"http\" is not a port"},
      {{"--port", "70000"}, "--port: \"70000\" is not a port"},
      {{"--port=-1"}, "--port: \"-1\" is not a port"},
      {{"--fixtures"}, "--fixtures needs a directory"},
      {{"--host="}, "--host needs an address"},
      {{"--max-connections", "0"}, "--max-connections: \"0\""},
      {{"--quiet=yes"}, "--quiet takes no value"},
      {{"--io-threads", "65"}, "--io-threads: \"65\" is not a number from 0 to 64"},
      {{"--io-threads"}, "--io-threads needs a number"},
      {{"--no-fast-path=1"}, "--no-fast-path takes no value"},
      {{"extra"}, "unknown option \"extra\""},
      {{"--journal-limit", "many"}, "--journal-limit: \"many\" is not a number"},
      {{"--journal-limit"}, "--journal-limit needs a number"},
      {{"--admin-token", "two words"}, "--admin-token needs a token without spaces"},
      {{"--admin-port", "99999"}, "--admin-port: \"99999\" is not a port"},
      {{"--rate-limit-plan", "gold"}, "--rate-limit-plan: \"gold\" is not one of off, free"},
      {{"--rate-limit", "Light"}, "--rate-limit: \"Light\" is not LABEL=N/UNIT"},
      {{"--rate-limit", "Light=5/hour"}, "--rate-limit: \"Light=5/hour\" is not LABEL=N/UNIT"},
      {{"--rate-limit", "=5/s"}, "--rate-limit: \"=5/s\" is not LABEL=N/UNIT"},
      {{"--tls-cert", "c.pem"}, "--tls-cert and --tls-key go together"},
      {{"--tls-key"}, "--tls-key needs a PEM file"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {kServer};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    auto result = run_process(argv);
    EXPECT_EQ(result.exit_code, 2) << c.args[0];
    EXPECT_NE(result.err.find(c.message), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("usage: zoom-mock-server"), std::string::npos);
    EXPECT_EQ(result.out, "");
  }
}

TEST(CliTest, FixtureErrorExits2NamingFileAndPath) {
  testing::ScratchFixtures scratch;
  scratch.write("world.json", R"({"users": [{"id": "a"}], "tokens": []})");
  auto result = run_process({kServer, "--port", "0", "--fixtures", scratch.dir().string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(scratch.world_file().string() + ": /users/0/email: missing"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "") << "no listening line for a server that did not start";
}

TEST(CliTest, UnreadableTlsFilesExit2) {
  auto result = run_process({kServer, "--port", "0", "--fixtures", ZOOM_FIXTURES_DIR,
                             "--tls-cert", "/nonexistent/c.pem", "--tls-key", "/nonexistent/k.pem"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("cannot load the TLS certificate /nonexistent/c.pem"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "");
}

// The binary keeps OpenSSL's default set-up only when a --tls flag is
// given (main.cpp): HTTPS must work in both spellings of the flags.
TEST(CliTest, ServesHttpsWithTheTlsFlags) {
  const auto certs = std::filesystem::path(::testing::TempDir()) /
                     ("zoom-cli-tls-" + std::to_string(::getpid()));
  const auto made = run_process({ZOOM_MAKE_DEV_CERT, certs.string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string cert = (certs / "dev-cert.pem").string();
  const std::string key = (certs / "dev-key.pem").string();
  for (const auto& flags : {std::vector<std::string>{"--tls-cert", cert, "--tls-key", key},
                            std::vector<std::string>{"--tls-cert=" + cert, "--tls-key=" + key}}) {
    ChildProcess server(quiet_server(flags));
    const int port = start_listening(server);
    ASSERT_GT(port, 0);
    const auto curl = run_process(
        {"/usr/bin/curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", cert,
         "-X", "DELETE", "-H", "Authorization: Bearer mock-admin-token",
         "https://127.0.0.1:" + std::to_string(port) + "/v2/users/sso-user-alice/token"});
    EXPECT_EQ(curl.exit_code, 0) << curl.err;
    EXPECT_EQ(curl.out, "204") << flags.front();
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(10000), 0);
  }
  std::filesystem::remove_all(certs);
}

// Every connection model answers, with the fast path or without it.
TEST(CliTest, IoThreadsFlagChoosesTheConnectionModel) {
  const std::vector<std::vector<std::string>> models = {
      {"--io-threads=0"}, {"--io-threads=1"}, {"--io-threads", "3"},
      {"--io-threads=1", "--no-fast-path"}};
  for (const auto& model : models) {
    ChildProcess server(quiet_server(model));
    const int port = start_listening(server);
    ASSERT_GT(port, 0);
    const std::string label = model.back();
    httplib::Client client("127.0.0.1", port);
    const httplib::Headers auth = {{"Authorization", "Bearer mock-admin-token"}};
    for (int i = 0; i < 3; ++i) {
      auto res = client.Delete("/v2/users/sso-user-alice/token", auth);
      ASSERT_TRUE(res) << label;
      EXPECT_EQ(res->status, 204) << label;
    }
    auto unknown = client.Delete("/v2/users/nobody@example.com/token", auth);
    ASSERT_TRUE(unknown) << label;
    EXPECT_EQ(unknown->status, 404) << label;
    EXPECT_NE(unknown->body.find("\"code\":1001"), std::string::npos) << unknown->body;
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(10000), 0);
  }
}

TEST(CliTest, RateLimitFlagsApply) {
  ChildProcess server(
      quiet_server({"--rate-limit-plan", "pro", "--rate-limit", "Light=1/s,1000/day"}));
  const int port = start_listening(server);
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  const httplib::Headers auth = {{"Authorization", "Bearer mock-admin-token"}};
  // One a second: two calls in a row see a 429 unless a second boundary
  // falls between them; three calls cannot all be in different seconds
  // without a second passing, so at least one of the pairs is refused.
  int refused = 0;
  for (int i = 0; i < 3; ++i) {
    auto res = client.Delete("/v2/users/sso-user-alice/token", auth);
    ASSERT_TRUE(res);
    if (res->status == 429) {
      ++refused;
      EXPECT_EQ(res->get_header_value("X-RateLimit-Limit"), "1");
    }
  }
  EXPECT_GE(refused, 1);
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(10000), 0);
}

TEST(CliTest, PortInUseExits1) {
  ChildProcess first({kServer, "--port", "0", "--fixtures", ZOOM_FIXTURES_DIR});
  const int port = start_listening(first);
  ASSERT_GT(port, 0);
  auto second = run_process(
      {kServer, "--port", std::to_string(port), "--fixtures", ZOOM_FIXTURES_DIR});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + std::to_string(port) +
                            ": Address already in use"),
            std::string::npos)
      << second.err;
  first.signal(SIGTERM);
  EXPECT_EQ(first.wait(10000), 0);
}

TEST(CliTest, ServesLogsAndStopsOnSigterm) {
  ChildProcess server({kServer, "--port", "0", "--fixtures", ZOOM_FIXTURES_DIR});
  const int port = start_listening(server);
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  auto res = client.Delete("/v2/users/sso-user-alice/token",
                           {{"Authorization", "Bearer mock-admin-token"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(10000), 0);
  EXPECT_TRUE(std::regex_search(server.err(),
                                std::regex(R"(DELETE /v2/users/sso-user-alice/token 204 \d+us\n)")))
      << server.err();
  EXPECT_EQ(server.err().find("mock-admin-token"), std::string::npos) << "token in the log";
}

TEST(CliTest, StopsOnSigintAndQuietLogsNothing) {
  ChildProcess server({kServer, "--port=0", "--quiet", "--fixtures", ZOOM_FIXTURES_DIR});
  const int port = start_listening(server);
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  ASSERT_TRUE(client.Get("/__admin/health"));
  server.signal(SIGINT);
  EXPECT_EQ(server.wait(10000), 0);
  EXPECT_EQ(server.err().find("/__admin/health"), std::string::npos) << server.err();
}

TEST(CliTest, AdminPortAndTokenFlags) {
  ChildProcess server({kServer, "--port", "0", "--admin-port", "0", "--admin-token", "adm",
                       "--journal-limit", "5", "--fixtures", ZOOM_FIXTURES_DIR});
  const int port = start_listening(server);
  ASSERT_GT(port, 0);
  // The admin URL is announced on stderr; wait for it.
  std::smatch match;
  static const std::regex kAdmin(R"(admin API on http://127\.0\.0\.1:(\d+)/__admin)");
  for (int i = 0; i < 500 && !std::regex_search(server.err(), match, kAdmin); ++i) {
    server.read_stdout_line(10);
  }
  ASSERT_TRUE(std::regex_search(server.err(), match, kAdmin)) << server.err();
  httplib::Client admin("127.0.0.1", std::stoi(match[1]));
  EXPECT_EQ(admin.Get("/__admin/requests")->status, 401);
  auto res = admin.Get("/__admin/requests", {{"Authorization", "Bearer adm"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("\"limit\":5"), std::string::npos) << res->body;
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(10000), 0);
}

}  // namespace
}  // namespace zoom_mock
