// The request journal: every API request the fake answered (not /__admin),
// with what it matched and how it was answered, so a test can verify what
// the system under test called. Bounded twice, so its memory is too: past
// `limit` entries, or past `byte_limit` bytes of kept text (bodies, headers
// and the rest of each entry's strings), the oldest entries are dropped and
// counted. Each entry keeps at most the first 64 KiB of its body, and the
// body's full size. Authorization values are redacted before they are
// stored ("Bearer ***" plus the token's last 4 characters).
//
// Thread safety: all members of Journal may be called from any thread; one
// mutex guards the entries and their byte count and is held only to
// append, copy out or clear. JournalEntry and JournalBody are plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "zoom_mock/api.h"
#include "zoom_mock/request_pattern.h"
#include "zoom_mock/world.h"

namespace zoom_mock {

// A request body as the journal keeps it: at most the first kKeptLimit
// bytes (cut back to a UTF-8 character boundary, so a body that was valid
// UTF-8 stays so), and the size of the whole body. Assigning a string_view
// copies only what is kept.
class JournalBody {
 public:
  static constexpr std::size_t kKeptLimit = 64 * 1024;

  JournalBody() = default;
  explicit JournalBody(std::string_view body) { *this = body; }
  JournalBody& operator=(std::string_view body);

  const std::string& kept() const { return kept_; }
  std::size_t bytes() const { return bytes_; }  // of the whole body
  bool truncated() const { return kept_.size() < bytes_; }

 private:
  std::string kept_;
  std::size_t bytes_ = 0;
};

struct JournalEntry {
  std::uint64_t id = 0;  // 1, 2, ... in arrival order
  TimePoint time;
  std::string method;
  std::string path;   // as sent, without the query
  std::string query;  // without the '?'
  HeaderList headers;  // Authorization redacted
  JournalBody body;
  std::string operation;  // matched operation, empty when unmatched
  std::string user_ref;   // decoded {userId}
  std::string user_id;    // the id of the user it designates, if any
  int status = 0;         // 0 when the connection was dropped by a fault
  std::int64_t latency_us = 0;
  std::string fault_id;  // the fault that answered, if any
  // For unmatched requests: the nearest operation and why it did not match.
  std::string closest_operation;
  std::string unmatched_reason;

  bool matched() const { return !operation.empty(); }
};

nlohmann::json journal_entry_to_json(const JournalEntry& entry);

// "Bearer abcdefghijkl" -> "Bearer ***ijkl"; values under 8 characters
// show no tail.
std::string redact_authorization(std::string_view value);

struct JournalFilter {
  std::optional<std::string> method;
  std::optional<RequestPattern> pattern;  // from path / pathPattern filters
  std::optional<int> status;
  std::optional<TimePoint> since;         // entries at or after
  std::optional<bool> matched;            // only unmatched when false
  std::size_t limit = SIZE_MAX;
};

class Journal {
 public:
  static constexpr std::size_t kDefaultByteLimit = 64 * 1024 * 1024;

  // The newest entry is always kept, even alone over `byte_limit`.
  explicit Journal(std::size_t limit, std::size_t byte_limit = kDefaultByteLimit)
      : limit_(limit), byte_limit_(byte_limit) {}

  void record(JournalEntry entry);
  // Newest first.
  std::vector<JournalEntry> list(const JournalFilter& filter) const;
  std::size_t count(const RequestPattern& pattern) const;
  void clear();

  std::size_t size() const;
  std::uint64_t total_recorded() const;
  std::uint64_t dropped() const;  // entries pushed out by either limit
  std::size_t bytes() const;      // kept text of the entries held now
  std::size_t limit() const { return limit_; }
  std::size_t byte_limit() const { return byte_limit_; }

 private:
  static RequestFacts facts_of(const JournalEntry& entry, std::string& decoded_path);

  const std::size_t limit_;
  const std::size_t byte_limit_;
  mutable std::mutex mutex_;
  std::deque<JournalEntry> entries_;
  std::size_t bytes_ = 0;
  std::uint64_t next_id_ = 1;
  std::uint64_t dropped_ = 0;
};

}  // namespace zoom_mock
