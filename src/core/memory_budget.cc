#include "core/memory_budget.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <utility>
#include <vector>

namespace docsift {
namespace {

// Address space and resident size of this process (/proc/self/statm), 0 where unknown.
// anonymous_bytes: resident pages not backed by a file (heap, stacks), which, unlike the pages
// of mapped files (code, a stored index's segments), cannot be dropped under pressure.
struct ProcessSize {
  uint64_t virtual_bytes = 0;
  uint64_t resident_bytes = 0;
  uint64_t anonymous_bytes = 0;
};
ProcessSize process_size() {
  std::ifstream statm("/proc/self/statm");
  uint64_t pages = 0, resident = 0, shared = 0;
  if (!(statm >> pages >> resident >> shared)) return {};
  const auto page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  return {pages * page, resident * page, (resident - std::min(resident, shared)) * page};
}

std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Under AddressSanitizer the resident size is mostly its shadow memory and quarantine, not
// what the program holds: only the estimates are checked there.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kCheckResident = false;
#else
constexpr bool kCheckResident = true;
#endif

}  // namespace

const char* memory_use_name(MemoryUse use) {
  switch (use) {
    case MemoryUse::kProgram:
      return "program";
    case MemoryUse::kReading:
      return "reading";
    case MemoryUse::kIds:
      return "ids";
    case MemoryUse::kTexts:
      return "texts";
    case MemoryUse::kFeatures:
      return "features";
    case MemoryUse::kIndex:
      return "index";
    case MemoryUse::kPassages:
      return "passage index";
    case MemoryUse::kVectors:
      return "TF-IDF matrix";
    case MemoryUse::kClusters:
      return "k-means";
    case MemoryUse::kSuffixArray:
      return "suffix array";
    case MemoryUse::kCount:
      break;
  }
  return "?";
}

MemoryBudget::MemoryBudget(uint64_t limit_bytes, std::string job)
    : limit_(limit_bytes), job_(std::move(job)) {
  const uint64_t program = process_size().resident_bytes;
  used_ = program;
  peak_ = program;
  resident_peak_ = program;
  by_use_[static_cast<size_t>(MemoryUse::kProgram)] = program;
}

std::optional<uint64_t> MemoryBudget::available_ram() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key, unit;
  uint64_t value = 0;
  while (meminfo >> key >> value) {
    std::getline(meminfo, unit);
    if (key == "MemAvailable:") return value * 1024;  // the kernel writes kB (KiB)
  }
  return std::nullopt;
}

uint64_t MemoryBudget::default_limit() {
  uint64_t limit = 0;
  if (auto ram = available_ram()) limit = static_cast<uint64_t>(*ram * kDefaultShare);
  rlimit as{};
  if (::getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    // What is mapped already (code, libraries, ICU data) is not there to be had, and of the
    // rest thread stacks and malloc arenas reserve address space they do not use: the same
    // share of what is left, on top of what the program holds resident (charged as kProgram).
    const ProcessSize now = process_size();
    const uint64_t left = as.rlim_cur > now.virtual_bytes ? as.rlim_cur - now.virtual_bytes : 0;
    const uint64_t capped =
        now.resident_bytes + static_cast<uint64_t>(static_cast<double>(left) * kDefaultShare);
    limit = limit == 0 ? capped : std::min(limit, capped);
  }
  return limit;
}

Status MemoryBudget::charge(MemoryUse use, uint64_t bytes, uint64_t documents) {
  // What the process holds now, where the estimates missed some of it (see the header).
  const uint64_t resident = limit_ != 0 && kCheckResident ? process_size().anonymous_bytes : 0;
  note_resident(resident);
  uint64_t used = used_.load(std::memory_order_relaxed);
  uint64_t after = 0;
  do {
    after = used + bytes;
    if (limit_ != 0 && std::max(after, resident + bytes) > limit_) {
      return Status::ResourceExhausted(message(use, bytes, documents, resident));
    }
  } while (!used_.compare_exchange_weak(used, after, std::memory_order_relaxed));
  by_use_[static_cast<size_t>(use)].fetch_add(bytes, std::memory_order_relaxed);
  uint64_t peak = peak_.load(std::memory_order_relaxed);
  while (after > peak && !peak_.compare_exchange_weak(peak, after, std::memory_order_relaxed)) {
  }
  return Status::Ok();
}

void MemoryBudget::note_resident(uint64_t resident) {
  uint64_t peak = resident_peak_.load(std::memory_order_relaxed);
  while (resident > peak &&
         !resident_peak_.compare_exchange_weak(peak, resident, std::memory_order_relaxed)) {
  }
}

void MemoryBudget::release(MemoryUse use, uint64_t bytes) {
  used_.fetch_sub(bytes, std::memory_order_relaxed);
  by_use_[static_cast<size_t>(use)].fetch_sub(bytes, std::memory_order_relaxed);
}

void MemoryBudget::note_documents(uint64_t documents) {
  uint64_t seen = documents_.load(std::memory_order_relaxed);
  while (documents > seen &&
         !documents_.compare_exchange_weak(seen, documents, std::memory_order_relaxed)) {
  }
}

uint64_t MemoryBudget::used(MemoryUse use) const {
  return by_use_[static_cast<size_t>(use)].load(std::memory_order_relaxed);
}

uint64_t MemoryBudget::remaining() const {
  if (limit_ == 0) return UINT64_MAX;
  const uint64_t u = used();
  return u >= limit_ ? 0 : limit_ - u;
}

std::string MemoryBudget::message(MemoryUse use, uint64_t bytes, uint64_t documents,
                                  uint64_t resident) const {
  if (documents == 0) documents = documents_.load(std::memory_order_relaxed);
  // The consumers by size, the one asking included, largest first; what is resident beyond
  // the charges is named as such.
  std::vector<std::pair<uint64_t, std::string>> uses;
  for (size_t u = 0; u < static_cast<size_t>(MemoryUse::kCount); ++u) {
    uint64_t b = by_use_[u].load(std::memory_order_relaxed);
    if (static_cast<MemoryUse>(u) == use) b += bytes;
    if (b > 0) uses.emplace_back(b, memory_use_name(static_cast<MemoryUse>(u)));
  }
  const uint64_t charged = used();
  if (resident > charged) uses.emplace_back(resident - charged, "other resident");
  std::sort(uses.begin(), uses.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string parts;
  for (size_t i = 0; i < uses.size() && i < 4; ++i) {
    parts += (i ? ", " : "") + uses[i].second + " " + mebibytes_text(uses[i].first);
  }
  return job_ + " needs about " + mebibytes_text(std::max(charged, resident) + bytes) + " for " +
         with_commas(documents) + (documents == 1 ? " document" : " documents") +
         ", over --max-memory " + mebibytes_text(limit_) + " (" + parts +
         "); raise --max-memory or split the input";
}

Status MemoryCharge::set(uint64_t bytes, uint64_t documents) {
  if (budget_ == nullptr) {
    bytes_ = bytes;
    return Status::Ok();
  }
  const uint64_t charged = bytes + bytes / MemoryBudget::kSlackDivisor;
  if (charged > charged_) {
    DOCSIFT_RETURN_IF_ERROR(budget_->charge(use_, charged - charged_, documents));
  } else if (charged < charged_) {
    budget_->release(use_, charged_ - charged);
  }
  bytes_ = bytes;
  charged_ = charged;
  return Status::Ok();
}

std::string mebibytes_text(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 5) {
    v /= 1024.0;
    ++u;
  }
  char buf[32];
  if (u == 0 || v >= 100 || v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f %s", v, units[u]);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  }
  return buf;
}

Result<uint64_t> parse_memory_size(const std::string& text) {
  auto refuse = [&] {
    return Status::InvalidArgument(
        "--max-memory must be a finite, non-negative size such as "
        "512M, 2G or 300 (MiB), not '" +
        text + "'");
  };
  const char* begin = text.c_str();
  while (std::isspace(static_cast<unsigned char>(*begin))) ++begin;
  if (*begin == '-') return refuse();
  char* end = nullptr;
  const double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number) || number < 0) return refuse();
  std::string unit(end);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.pop_back();
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() == 3 && unit[1] == 'I' && unit[2] == 'B') unit.resize(1);  // "GiB"
  if (unit.size() == 2 && unit[1] == 'B') unit.resize(1);                    // "GB"
  double scale = 0;
  if (unit.empty()) {
    scale = 1024.0 * 1024;  // a plain number: MiB
  } else if (unit == "B") {
    scale = 1;
  } else if (unit == "K") {
    scale = 1024.0;
  } else if (unit == "M") {
    scale = 1024.0 * 1024;
  } else if (unit == "G") {
    scale = 1024.0 * 1024 * 1024;
  } else if (unit == "T") {
    scale = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return refuse();
  }
  const double bytes = number * scale;
  if (!(bytes < 4.6e18)) return refuse();
  auto result = static_cast<uint64_t>(bytes);
  if (number > 0 && result == 0) result = 1;
  return result;
}

}  // namespace docsift
