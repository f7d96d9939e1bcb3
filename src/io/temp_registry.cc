#include "io/temp_registry.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace docsift {
namespace {

// Slot states. A writer takes a free slot with a CAS (kFree -> kWriting), copies the path and
// publishes it (kLive, release); the handler reads only kLive slots (acquire).
enum : int { kFree = 0, kWriting = 1, kLive = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  char path[kMaxTempPathBytes];
};

Slot g_slots[kMaxTempPaths];
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

extern "C" void cleanup_and_reraise(int sig) {
  const int saved_errno = errno;
  unlink_registered_temp_paths();
  // Default action, then re-raise: the signal is blocked while this handler runs, so it is
  // delivered (and kills the process) as soon as the handler returns.
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  raise(sig);
  errno = saved_errno;
}

}  // namespace

int register_temp_path(const char* path) {
  const size_t len = std::strlen(path);
  if (len == 0 || len >= kMaxTempPathBytes) return -1;
  for (size_t i = 0; i < kMaxTempPaths; ++i) {
    int expected = kFree;
    if (!g_slots[i].state.compare_exchange_strong(expected, kWriting, std::memory_order_acquire))
      continue;
    std::memcpy(g_slots[i].path, path, len + 1);
    g_slots[i].state.store(kLive, std::memory_order_release);
    return static_cast<int>(i);
  }
  return -1;
}

void unregister_temp_path(int slot) {
  if (slot < 0 || static_cast<size_t>(slot) >= kMaxTempPaths) return;
  g_slots[slot].state.store(kFree, std::memory_order_release);
}

int unlink_registered_temp_paths() {
  int removed = 0;
  for (Slot& s : g_slots)
    if (s.state.load(std::memory_order_acquire) == kLive && ::unlink(s.path) == 0) ++removed;
  return removed;
}

bool install_cleanup_signal_handlers() {
  bool ok = true;
  for (int sig : kSignals) {
    struct sigaction old;
    if (sigaction(sig, nullptr, &old) != 0) {
      ok = false;
      continue;
    }
    if (old.sa_handler == SIG_IGN) continue;  // nohup, or a parent that ignores SIGPIPE
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = cleanup_and_reraise;
    sigemptyset(&sa.sa_mask);
    // Block the other cleanup signals while one is being handled: one cleanup at a time.
    for (int other : kSignals) sigaddset(&sa.sa_mask, other);
    if (sigaction(sig, &sa, nullptr) != 0) ok = false;
  }
  return ok;
}

}  // namespace docsift
