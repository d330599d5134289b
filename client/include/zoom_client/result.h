// Result<T>: the value of a call that worked, or why it did not (ApiError or
// TransportError). The client reports failures only this way; it does not
// throw.
//
//   auto revoked = client.revoke_user_sso_token("alice@example.com");
//   if (revoked.is_user_not_found()) { ... }
//   else if (!revoked.ok()) { std::cerr << revoked.describe(); }
//
// Thread safety: a plain value.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "zoom_client/errors.h"

namespace zoom_client {

template <typename T>
class Result {
 public:
  Result(T value) : outcome_(std::in_place_index<0>, std::move(value)) {}
  Result(ApiError error) : outcome_(std::in_place_index<1>, std::move(error)) {}
  Result(TransportError error) : outcome_(std::in_place_index<2>, std::move(error)) {}

  bool ok() const { return outcome_.index() == 0; }

  // Only when ok(); otherwise std::bad_variant_access.
  const T& value() const { return std::get<0>(outcome_); }
  T& value() { return std::get<0>(outcome_); }

  // The error, or nullptr.
  const ApiError* api_error() const { return std::get_if<1>(&outcome_); }
  const TransportError* transport_error() const { return std::get_if<2>(&outcome_); }

  bool is_user_not_found() const {
    const ApiError* error = api_error();
    return error != nullptr && error->is_user_not_found();
  }

  // "ok", or the error's description.
  std::string describe() const {
    if (const ApiError* error = api_error()) return zoom_client::describe(*error);
    if (const TransportError* error = transport_error()) {
      return zoom_client::describe(*error);
    }
    return "ok";
  }

 private:
  std::variant<T, ApiError, TransportError> outcome_;
};

}  // namespace zoom_client
