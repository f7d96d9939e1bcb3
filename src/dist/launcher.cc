#include "dist/launcher.h"

#include <cstdlib>
#include <string>

namespace docsift::dist {
namespace {

// The variable's value as a non-negative int, or -1 when absent or not a number.
int env_int(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return -1;
  char* end = nullptr;
  const long x = std::strtol(v, &end, 10);
  if (*end != '\0' || x < 0 || x > (1 << 30)) return -1;
  return static_cast<int>(x);
}

}  // namespace

LauncherEnv detect_launcher() {
  LauncherEnv env;
  struct Pair {
    const char* size;
    const char* rank;
  };
  const Pair pairs[] = {{"OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"},
                        {"PMIX_SIZE", "PMIX_RANK"},
                        {"PMI_SIZE", "PMI_RANK"}};
  for (const Pair& p : pairs) {
    const int size = env_int(p.size);
    const int rank = env_int(p.rank);
    if (size < 1 && rank < 0) continue;
    env.launched = true;
    env.size = size < 1 ? 1 : size;
    env.rank = rank < 0 ? 0 : rank;
    env.variable = size >= 1 ? p.size : p.rank;
    return env;
  }
  if (env_int("SLURM_STEP_ID") >= 0 && env_int("SLURM_NTASKS") > 1) {
    env.error =
        "started by srun without PMI (SLURM_NTASKS=" + std::to_string(env_int("SLURM_NTASKS")) +
        "): every task would run alone and write the same outputs; use srun --mpi=pmix (or "
        "pmi2), or mpirun";
  }
  return env;
}

}  // namespace docsift::dist
