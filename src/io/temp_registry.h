#pragma once
// A process-wide registry of temporary files to remove when the process is interrupted, and the
// signal handlers that remove them. OutputFile registers its temporary names and the reader its
// spool files; a program installs the handlers once, at the start of main():
//
//   int main(int argc, char** argv) {
//     docsift::install_cleanup_signal_handlers();
//     ...
//   }
//
// On SIGINT, SIGTERM, SIGHUP or SIGPIPE the handler unlinks every registered path, restores the
// signal's default action and re-raises it, so the process still dies of that signal (exit
// status 128 + n in a shell) and leaves no temporary file behind. SIGKILL cannot be caught: for
// that case OutputFile prefers unnamed O_TMPFILE files and names its temporary files so that the
// next run can recognise and remove them (see output_file.h).
//
// Guarantees: the handler is async-signal-safe (no allocation, no locks: a fixed table of
// kMaxTempPaths slots of kMaxTempPathBytes bytes, each guarded by an atomic state). Registering
// and unregistering are thread-safe and lock-free. A path longer than kMaxTempPathBytes - 1 or a
// full table is refused (register_temp_path returns -1): the caller still removes the file
// itself on the normal paths, only the signal-time cleanup is lost.

#include <cstddef>

namespace docsift {

inline constexpr size_t kMaxTempPaths = 256;
inline constexpr size_t kMaxTempPathBytes = 4096;

// Adds `path` (absolute, or relative to the working directory, which the process must not
// change while the path is registered) and returns its slot, or -1 when it cannot be recorded.
int register_temp_path(const char* path);
// Forgets the slot returned by register_temp_path (-1 is ignored). Does not unlink.
void unregister_temp_path(int slot);
// Unlinks every registered path (async-signal-safe). Returns how many unlink() calls succeeded.
int unlink_registered_temp_paths();

// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE that unlink the registered paths,
// then re-raise the signal with its default action. A signal whose disposition is SIG_IGN when
// this is called (e.g. SIGHUP under nohup) stays ignored. Idempotent; returns false when
// sigaction() failed for one of them.
bool install_cleanup_signal_handlers();

}  // namespace docsift
