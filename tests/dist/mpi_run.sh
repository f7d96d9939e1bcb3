# Sourced by the MPI tests: mpirun on this machine (any user, in a container, no network).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none
# Each run under a timeout: a rank waiting forever in a collective fails the test instead.
mpi() {
  local np=$1
  shift
  timeout --kill-after=10 180 mpirun --oversubscribe --bind-to none --mca btl self,vader \
    -np "$np" "$@"
}
