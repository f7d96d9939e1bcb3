# Sourced by the MPI tests: mpirun on this machine (any user, in a container, no network).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none
# Ranks waiting in a collective yield their core instead of spinning: with np 3 or 4 on 2 shared
# cores (--oversubscribe) spinning ranks take the CPU from the rank that works (rank 0 gathers,
# groups and writes while the others wait), which made runs many times slower under load.
export OMPI_MCA_mpi_yield_when_idle=1
# Each run under a timeout (DOCSIFT_MPI_TIMEOUT seconds, default 180): a rank waiting forever in
# a collective fails the test instead, with a message saying it was the timeout.
mpi() {
  local np=$1 limit=${DOCSIFT_MPI_TIMEOUT:-180} rc=0
  shift
  timeout --kill-after=10 "$limit" mpirun --oversubscribe --bind-to none --mca btl self,vader \
    -np "$np" "$@" || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "TIMEOUT: mpirun -np $np $* ran past ${limit} s (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  fi
  return "$rc"
}
