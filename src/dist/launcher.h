#pragma once
// Launcher detection: whether an MPI launcher (mpirun/mpiexec, srun, prterun) started this
// process, read from the environment only, so that a serial run never calls MPI_Init (Open MPI
// start-up costs about 0.4 s) and a binary built with MPI still runs without mpirun.
//
//   LauncherEnv env = detect_launcher();
//   if (env.launched) { MPI_Init(...); }            // dist/comm.h does this
//
// Variables read, first match wins:
//   OMPI_COMM_WORLD_SIZE / OMPI_COMM_WORLD_RANK   Open MPI's mpirun / mpiexec (ORTE/PRRTE)
//   PMIX_RANK (+ PMIX_SIZE when set)              PMIx: srun --mpi=pmix, prterun
//   PMI_SIZE / PMI_RANK                           PMI-1/2: srun --mpi=pmi2, MPICH hydra
// SLURM_PROCID / SLURM_NTASKS alone do not count: an sbatch script's own shell has them too, and
// an `srun` without PMI starts tasks that MPI_Init would make P separate size-1 worlds, each
// writing the same outputs. That case (SLURM_STEP_ID set, SLURM_NTASKS > 1, no PMI variable) is
// reported in `error` so the caller can refuse to run.
//
// Guarantees: pure function of the environment; no MPI call; thread-safe.

#include <string>

namespace docsift::dist {

struct LauncherEnv {
  bool launched = false;  // a PMI/PMIx/ORTE launcher started the process
  int size = 1;           // world size the launcher announced (1 when unknown before MPI_Init)
  int rank = 0;
  std::string variable;  // the variable that decided, e.g. "OMPI_COMM_WORLD_SIZE"
  std::string error;     // non-empty: started by srun without PMI (see above)
};

LauncherEnv detect_launcher();

}  // namespace docsift::dist
