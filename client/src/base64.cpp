#include "base64.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace zoom_client {

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string encoded;
  encoded.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      const auto byte = j < count ? static_cast<unsigned char>(bytes[i + j]) : 0U;
      group = (group << 8) | byte;
    }
    for (std::size_t j = 0; j < 4; ++j) {
      encoded += j <= count ? kAlphabet[(group >> (18 - 6 * j)) & 0x3F] : '=';
    }
  }
  return encoded;
}

}  // namespace zoom_client
