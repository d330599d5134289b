#include "zoom_mock/journal.h"

#include "zoom_mock/fixtures.h"

namespace zoom_mock {
namespace {

// Where to cut `text` to keep at most `limit` bytes without splitting a
// UTF-8 character: a character is at most 4 bytes, so at most 3
// continuation bytes (10xxxxxx) follow its lead byte. Text that is not
// UTF-8 there is cut at `limit`.
std::size_t utf8_cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  const auto is_continuation = [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
  };
  for (std::size_t cut = limit; cut > 0 && cut + 3 >= limit; --cut) {
    if (!is_continuation(text[cut])) return cut;
  }
  return limit;
}

// What an entry costs against the journal's byte limit: its text.
std::size_t kept_bytes(const JournalEntry& entry) {
  std::size_t bytes = entry.method.size() + entry.path.size() + entry.query.size() +
                      entry.body.kept().size() + entry.operation.size() +
                      entry.user_ref.size() + entry.user_id.size() + entry.fault_id.size() +
                      entry.closest_operation.size() + entry.unmatched_reason.size();
  for (const auto& [name, value] : entry.headers.all()) bytes += name.size() + value.size();
  return bytes;
}

}  // namespace

JournalBody& JournalBody::operator=(std::string_view body) {
  kept_.assign(body.substr(0, utf8_cut(body, kKeptLimit)));
  bytes_ = body.size();
  return *this;
}

std::string redact_authorization(std::string_view value) {
  const auto space = value.find(' ');
  const std::string_view scheme = space == std::string_view::npos ? "" : value.substr(0, space);
  std::string_view secret = space == std::string_view::npos ? value : value.substr(space + 1);
  while (!secret.empty() && secret.front() == ' ') secret.remove_prefix(1);
  std::string out(scheme);
  if (!out.empty()) out += ' ';
  out += "***";
  if (secret.size() >= 8) out += secret.substr(secret.size() - 4);
  return out;
}

nlohmann::json journal_entry_to_json(const JournalEntry& entry) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [name, value] : entry.headers.all()) {
    // Repeated headers are listed as arrays.
    if (headers.contains(name)) {
      if (!headers[name].is_array()) headers[name] = nlohmann::json::array({headers[name]});
      headers[name].push_back(value);
    } else {
      headers[name] = value;
    }
  }
  nlohmann::json out = {{"id", entry.id},
                        {"time", format_timestamp(entry.time)},
                        {"method", entry.method},
                        {"path", entry.path},
                        {"query", entry.query},
                        {"headers", headers},
                        {"body", entry.body.kept()},
                        {"body_bytes", entry.body.bytes()},
                        {"body_truncated", entry.body.truncated()},
                        {"matched", entry.matched()},
                        {"operation", entry.operation.empty() ? nlohmann::json(nullptr)
                                                              : nlohmann::json(entry.operation)},
                        {"status", entry.status},
                        {"latency_us", entry.latency_us}};
  if (!entry.user_ref.empty()) out["user_ref"] = entry.user_ref;
  if (!entry.user_id.empty()) out["user_id"] = entry.user_id;
  if (!entry.fault_id.empty()) out["fault_id"] = entry.fault_id;
  if (!entry.matched()) {
    out["closest_operation"] = entry.closest_operation;
    out["unmatched_reason"] = entry.unmatched_reason;
  }
  return out;
}

void Journal::record(JournalEntry entry) {
  if (limit_ == 0) return;
  const std::size_t cost = kept_bytes(entry);
  std::lock_guard lock(mutex_);
  entry.id = next_id_++;
  while (!entries_.empty() && (entries_.size() >= limit_ || bytes_ + cost > byte_limit_)) {
    bytes_ -= kept_bytes(entries_.front());
    entries_.pop_front();
    ++dropped_;
  }
  bytes_ += cost;
  entries_.push_back(std::move(entry));
}

RequestFacts Journal::facts_of(const JournalEntry& entry, std::string& decoded_path) {
  decoded_path.clear();
  if (auto segments = split_path(entry.path)) {
    for (const auto& segment : *segments) {
      if (!decoded_path.empty() || entry.path.starts_with('/')) decoded_path += '/';
      decoded_path += segment;
    }
  } else {
    decoded_path = entry.path;
  }
  return RequestFacts{entry.method,   entry.path,     decoded_path, entry.query,
                      &entry.headers, entry.user_ref, entry.user_id};
}

std::vector<JournalEntry> Journal::list(const JournalFilter& filter) const {
  std::vector<JournalEntry> out;
  std::string decoded;
  std::lock_guard lock(mutex_);
  for (auto it = entries_.rbegin(); it != entries_.rend() && out.size() < filter.limit; ++it) {
    if (filter.method && it->method != *filter.method) continue;
    if (filter.status && it->status != *filter.status) continue;
    if (filter.since && it->time < *filter.since) continue;
    if (filter.matched && it->matched() != *filter.matched) continue;
    if (filter.pattern && !filter.pattern->matches(facts_of(*it, decoded))) continue;
    out.push_back(*it);
  }
  return out;
}

std::size_t Journal::count(const RequestPattern& pattern) const {
  std::string decoded;
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const JournalEntry& entry : entries_) {
    if (pattern.matches(facts_of(entry, decoded))) ++n;
  }
  return n;
}

void Journal::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  bytes_ = 0;
}

std::size_t Journal::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t Journal::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::uint64_t Journal::total_recorded() const {
  std::lock_guard lock(mutex_);
  return next_id_ - 1;
}

std::uint64_t Journal::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace zoom_mock
