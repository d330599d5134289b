#include "fast_path.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "http_connection.h"
#include "zoom_mock/world.h"

// cpp-httplib exports its reason phrases but declares them only in its
// header-only build; the answer's status line must use the same words.
namespace httplib::detail {
const char* status_message(int status);
}

namespace zoom_mock {
namespace {

constexpr std::size_t kMaxSimpleHeadBytes = 8 * 1024;
constexpr std::size_t kMaxSimpleTargetBytes = 2 * 1024;
constexpr std::size_t kMaxSimpleHeaders = 64;

constexpr std::string_view kEndOfHead = "\r\n\r\n";

bool is_tchar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_visible(unsigned char c) { return c > 0x20 && c < 0x7f; }

// Headers cpp-httplib acts on (framing, ranges, compression, 100-continue)
// or that change the answer's shape (Prefer): theirs to handle.
bool leaves_the_fast_path(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "Content-Length", "Transfer-Encoding", "Connection", "Expect",       "Range",
      "Accept-Encoding", "Content-Encoding", "Content-Type", "Prefer", "Upgrade"};
  for (const std::string_view other : kNames) {
    if (equals_ignoring_case(name, other)) return true;
  }
  return false;
}

bool less_ignoring_case(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](unsigned char x, unsigned char y) {
                                        return std::tolower(x) < std::tolower(y);
                                      });
}

// cpp-httplib's header order: by case-insensitive name, equal names in
// arrival order.
void sort_like_httplib(std::vector<HeaderView>& headers) {
  std::stable_sort(headers.begin(), headers.end(), [](const HeaderView& a, const HeaderView& b) {
    return less_ignoring_case(a.first, b.first);
  });
}

}  // namespace

bool parse_simple_request(std::string_view data, SimpleRequest& out) {
  const std::size_t head_end = data.substr(0, kMaxSimpleHeadBytes).find(kEndOfHead);
  if (head_end == std::string_view::npos) return false;
  std::string_view head = data.substr(0, head_end + 2);  // each line with its CRLF

  if (head.starts_with("DELETE ")) {
    out.method = head.substr(0, 6);
  } else if (head.starts_with("GET ")) {
    out.method = head.substr(0, 3);
  } else {
    return false;
  }
  head.remove_prefix(out.method.size() + 1);
  const std::size_t target_end = head.find(' ');
  if (target_end == std::string_view::npos || target_end > kMaxSimpleTargetBytes) return false;
  out.target = head.substr(0, target_end);
  // cpp-httplib refuses a target with a second '?'.
  if (!out.target.starts_with("/v2") ||
      std::count(out.target.begin(), out.target.end(), '?') > 1 ||
      (out.target.size() > 3 && out.target[3] != '/' && out.target[3] != '?') ||
      !std::all_of(out.target.begin(), out.target.end(),
                   [](unsigned char c) { return is_visible(c); })) {
    return false;
  }
  head.remove_prefix(target_end + 1);
  if (!head.starts_with("HTTP/1.1\r\n")) return false;
  head.remove_prefix(10);

  out.headers.clear();
  bool has_host = false;
  while (!head.empty()) {
    const std::size_t line_end = head.find("\r\n");  // found: the head ends with CRLF
    const std::string_view line = head.substr(0, line_end);
    head.remove_prefix(line_end + 2);
    const std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return false;
    const std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), [](unsigned char c) { return is_tchar(c); })) {
      return false;
    }
    const std::string_view raw_value = line.substr(colon + 1);
    // cpp-httplib percent-decodes header values; keep those to it.
    if (!std::all_of(raw_value.begin(), raw_value.end(), [](unsigned char c) {
          return (c >= 0x20 && c < 0x7f && c != '%') || c == '\t';
        })) {
      return false;
    }
    const std::string_view value = trim_spaces(raw_value);
    if (value.empty() || leaves_the_fast_path(name)) return false;
    if (out.headers.size() == kMaxSimpleHeaders) return false;
    has_host = has_host || equals_ignoring_case(name, "Host");
    out.headers.emplace_back(name, value);
  }
  out.size = head_end + kEndOfHead.size();
  return has_host;
}

bool request_is_buffered(std::string_view data) {
  // When in doubt, false: the request then goes to a thread, where reading
  // more than arrived merely waits. Overstating the body is safe;
  // understating it would make cpp-httplib wait on the loop's thread.
  const std::size_t head_end = data.find(kEndOfHead);
  if (head_end == std::string_view::npos) return false;
  const std::string_view head = data.substr(0, head_end + 2);
  // cpp-httplib ends a line at a bare LF too: its lines are not these.
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\n' && (i == 0 || head[i - 1] != '\r')) return false;
  }
  std::string_view lines = head.substr(head.find("\r\n") + 2);  // after the request line
  bool has_length = false;
  std::uint64_t body = 0;
  while (!lines.empty()) {
    const std::size_t line_end = lines.find("\r\n");
    const std::string_view line = lines.substr(0, line_end);
    lines.remove_prefix(line_end + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, colon);
    const std::string_view trimmed = trim_spaces(name);
    if (equals_ignoring_case(trimmed, "Transfer-Encoding")) return false;
    if (!equals_ignoring_case(trimmed, "Content-Length")) continue;
    // " Content-Length " is no length to cpp-httplib; an empty value drops
    // the header; '%' is decoded first: which body it reads is unclear.
    const std::string_view text = trim_spaces(line.substr(colon + 1));
    if (name != trimmed || text.empty() || text.find('%') != std::string_view::npos) {
      return false;
    }
    std::uint64_t length = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
    if (error != std::errc() || end != text.data() + text.size()) return false;
    // A length past the limit is refused (413) without reading the body,
    // so such a request counts as buffered.
    if (length > kMaxBodyBytes) return true;
    has_length = true;
    body = std::max(body, length);
  }
  // Without a length, cpp-httplib reads the body of any other method (a
  // POST, say) to the end of input.
  if (!has_length) {
    static constexpr std::string_view kWithoutBody[] = {"GET ",   "HEAD ",  "DELETE ",
                                                        "OPTIONS ", "TRACE ", "CONNECT "};
    if (std::none_of(std::begin(kWithoutBody), std::end(kWithoutBody),
                     [head](std::string_view prefix) { return head.starts_with(prefix); })) {
      return false;
    }
  }
  return data.size() - (head_end + kEndOfHead.size()) >= body;
}

std::vector<HeaderView> sorted_like_httplib(std::vector<HeaderView> headers) {
  sort_like_httplib(headers);
  return headers;
}

std::size_t HeaderViews::count(std::string_view name) const {
  return static_cast<std::size_t>(
      std::count_if(headers_.begin(), headers_.end(),
                    [name](const HeaderView& header) {
                      return equals_ignoring_case(header.first, name);
                    }));
}

std::string_view HeaderViews::value(std::string_view name, std::size_t index) const {
  for (const auto& [header, value] : headers_) {
    if (equals_ignoring_case(header, name) && index-- == 0) return value;
  }
  return {};
}

void append_response(std::string& out, int status,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     std::string_view content_type, std::string_view body,
                     std::string_view keep_alive) {
  if (content_type.empty()) body = {};
  char length[24];
  const auto length_end = std::to_chars(length, length + sizeof length, body.size()).ptr;

  thread_local std::vector<HeaderView> lines;
  lines.clear();
  for (const auto& [name, value] : headers) {
    // cpp-httplib's set_header drops a header with a line break, and its
    // set_content replaces any Content-Type.
    if (name.find_first_of("\r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos ||
        (!content_type.empty() && equals_ignoring_case(name, "Content-Type"))) {
      continue;
    }
    lines.emplace_back(name, value);
  }
  if (!content_type.empty()) lines.emplace_back("Content-Type", content_type);
  lines.emplace_back("Keep-Alive", keep_alive);
  lines.emplace_back("Content-Length", std::string_view(length, length_end - length));
  sort_like_httplib(lines);

  char code[8];
  const auto code_end = std::to_chars(code, code + sizeof code, status).ptr;
  out += "HTTP/1.1 ";
  out.append(code, code_end);
  out += ' ';
  out += httplib::detail::status_message(status);
  out += "\r\n";
  for (const auto& [name, value] : lines) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "\r\n";
  out += body;
}

}  // namespace zoom_mock
