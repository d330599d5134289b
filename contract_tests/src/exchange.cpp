#include "exchange.h"

#include <sstream>

namespace zoom_contract {
namespace {

constexpr std::size_t kBodyShown = 4096;

bool carries_credentials(std::string_view name) {
  return zoom_client::same_header_name(name, "Authorization") ||
         zoom_client::same_header_name(name, "Proxy-Authorization");
}

// Control characters other than newline and tab shown as \xNN, so that a
// binary or hostile body cannot garble the terminal or the XML report.
std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\n' && c != '\t') {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

void print_headers(std::ostream& out, const zoom_client::Headers& headers) {
  if (headers.empty()) out << "    (no headers)\n";
  for (const auto& [name, value] : redacted(headers)) {
    out << "    " << printable(name) << ": " << printable(value) << "\n";
  }
}

void print_body(std::ostream& out, const std::string& body) {
  if (body.empty()) {
    out << "    (empty body)\n";
    return;
  }
  out << "    " << printable(std::string_view(body).substr(0, kBodyShown)) << "\n";
  if (body.size() > kBodyShown) {
    out << "    (" << body.size() << " bytes, the first " << kBodyShown << " shown)\n";
  }
}

}  // namespace

std::string Exchange::tracking_id() const {
  if (!response) return {};
  const std::string* id = response->headers.find("x-zm-trackingid");
  return id ? *id : std::string();
}

zoom_client::Headers redacted(const zoom_client::Headers& headers) {
  zoom_client::Headers safe;
  for (const auto& [name, value] : headers) {
    if (!carries_credentials(name)) {
      safe.add(name, value);
      continue;
    }
    const std::size_t space = value.find(' ');
    safe.add(name, space == std::string::npos ? "***" : value.substr(0, space) + " ***");
  }
  return safe;
}

std::string mismatch_report(std::string_view case_name, const ExpectedResponse& expected,
                            const Exchange& exchange, const std::vector<std::string>& problems) {
  std::ostringstream out;
  out << "contract mismatch in " << case_name << "\n";
  out << "  expected by: " << expected.source << "\n";
  for (const std::string& problem : problems) out << "  - " << printable(problem) << "\n";
  out << "  request:\n    " << exchange.method << " " << exchange.url << "\n";
  print_headers(out, exchange.request_headers);
  out << "  expected response:\n    " << expected.describe() << "\n";
  if (exchange.response) {
    out << "  actual response:\n    HTTP " << exchange.response->status << "\n";
    print_headers(out, exchange.response->headers);
    print_body(out, exchange.response->body);
  } else {
    out << "  actual response: none (" << printable(exchange.failure) << ")\n";
  }
  const std::string tracking_id = exchange.tracking_id();
  out << "  tracking id: " << (tracking_id.empty() ? "(none)" : printable(tracking_id)) << "\n";
  if (exchange.attempts.size() > 1) {
    out << "  attempts:\n";
    for (const zoom_client::AttemptLog& attempt : exchange.attempts) {
      out << "    " << attempt.method << " " << attempt.url << " -> "
          << (attempt.status != 0 ? std::to_string(attempt.status)
                                  : "no response: " + printable(attempt.transport_error))
          << " in " << attempt.elapsed.count() << " ms"
          << (attempt.retry_in
                  ? ", retried after " + std::to_string(attempt.retry_in->count()) + " ms"
                  : std::string())
          << "\n";
    }
  }
  return out.str();
}

}  // namespace zoom_contract
