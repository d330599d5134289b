// The HTTP values of the raw layer: a header list with case-insensitive
// lookup, the request a caller hands to Client::send, and the response it
// gets back.
//
// Thread safety: plain values. Copy them freely; a const object may be read
// from several threads at once.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zoom_client {

// Header fields in the order they were added or received. Names compare
// case-insensitively (RFC 9110 section 5.1); values are kept exactly.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  Headers() = default;
  Headers(std::initializer_list<Field> fields);

  // Appends a field, keeping earlier fields of the same name.
  void add(std::string name, std::string value);
  // Replaces every field of this name by a single one.
  void set(std::string name, std::string value);
  void remove(std::string_view name);

  // The value of the first field of this name, or nullptr.
  const std::string* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }

  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

// True when the two header names are the same name.
bool same_header_name(std::string_view a, std::string_view b);

struct Request {
  std::string method = "GET";
  // Below the base URL: starts with '/', already percent-encoded (see
  // encode_path_segment), may end in a query string.
  std::string path;
  Headers headers;
  std::string body;
  // When true the client adds its own Authorization (the fixed token, or
  // one from OAuth) unless `headers` already holds one. When false the
  // headers go out exactly as given, so a test can send no Authorization at
  // all, or a hand-made one.
  bool use_credentials = true;
};

struct RawResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

}  // namespace zoom_client
