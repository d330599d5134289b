// zoom-mock-server: the fake Zoom API as a process. Exit status: 0 after
// SIGINT/SIGTERM, 1 when it cannot listen, 2 on a usage or fixture error.
#include <dlfcn.h>
#include <malloc.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli_options.h"
#include "zoom_mock/server.h"
#include "zoom_mock/version.h"

namespace {

// cpp-httplib's library constructor calls OPENSSL_init_ssl, which reads the
// OpenSSL config and loads the error strings and the cipher and digest name
// tables: about 1.7 MiB of libcrypto pages resident for as long as the server
// runs, used only by TLS. Without a --tls flag OpenSSL is never called, so
// before any library constructor runs (.preinit_array) tell OpenSSL to skip
// them; with one, OpenSSL's set-up is left exactly as it was. The functions
// are looked up, not linked: they come with libcpp-httplib, if at all.
void skip_openssl_setup_without_tls(int argc, char** argv, char** /*envp*/) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--tls", 5) == 0) return;
  }
  auto* init_crypto = reinterpret_cast<decltype(&OPENSSL_init_crypto)>(
      dlsym(RTLD_DEFAULT, "OPENSSL_init_crypto"));
  auto* init_ssl =
      reinterpret_cast<decltype(&OPENSSL_init_ssl)>(dlsym(RTLD_DEFAULT, "OPENSSL_init_ssl"));
  if (init_crypto == nullptr || init_ssl == nullptr) return;
  init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS |
                  OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS,
              nullptr);
  init_ssl(OPENSSL_INIT_NO_LOAD_SSL_STRINGS, nullptr);
}

using PreinitFunction = void (*)(int, char**, char**);
[[gnu::used, gnu::section(".preinit_array")]] const PreinitFunction skip_openssl_setup =
    skip_openssl_setup_without_tls;

}  // namespace

int main(int argc, char** argv) {
  using namespace zoom_mock;
  const auto parsed = parse_cli(std::vector<std::string>(argv + 1, argv + argc));
  if (const auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "zoom-mock-server: " << error->message << "\n\n" << usage_text();
    return 2;
  }
  const CliOptions& options = std::get<CliOptions>(parsed);
  if (options.help) {
    std::cout << usage_text();
    return 0;
  }
  if (options.version) {
    std::cout << "zoom-mock-server " << kVersion << "\n";
    return 0;
  }

  // glibc gives each busy thread its own malloc arena; with a thread per
  // connection, memory freed by one thread and allocated by another spreads
  // over many arenas and resident memory creeps up in long runs. Two arenas
  // keep it flat (the soak test's RSS bound) at no measurable cost.
  mallopt(M_ARENA_MAX, 2);

  // Signals are taken by sigwait below, so block them before any server
  // thread starts (threads inherit the mask).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto started = Server::start(options.server);
  if (!started) {
    std::cerr << "zoom-mock-server: " << started.error.message << "\n";
    // A port that cannot be had is an environment failure (1); fixtures and
    // TLS files are the caller's input (2).
    return started.error.kind == StartError::Kind::kBind ? 1 : 2;
  }
  std::printf("zoom-mock-server listening on %s\n", started.server->base_url().c_str());
  std::fflush(stdout);
  if (options.server.admin_port) {
    std::fprintf(stderr, "zoom-mock-server admin API on %s/__admin\n",
                 started.server->admin_base_url().c_str());
  }

  int received = 0;
  sigwait(&signals, &received);
  std::fprintf(stderr, "zoom-mock-server: %s, finishing requests in flight\n",
               received == SIGINT ? "SIGINT" : "SIGTERM");
  started.server->stop();
  return 0;
}
