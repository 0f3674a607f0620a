#!/bin/sh
# Runs one shard of a Kizuna study under a cluster scheduler's array or indexed job.
#
#   run-shard.sh OUT_DIR STUDY_ARGS...     e.g. run-shard.sh /data/study mc --runs 1000
#
# The shard index and count come from the scheduler:
#   Slurm job array:          SLURM_ARRAY_TASK_ID (from SLURM_ARRAY_TASK_MIN) of SLURM_ARRAY_TASK_COUNT
#   Kubernetes Indexed Job:   JOB_COMPLETION_INDEX (from 0) of KIZUNA_SHARDS (the Job's completions)
# Shard K writes OUT_DIR/shard-K/partial.json; `kizuna merge OUT_DIR/shard-* --out DIR` then
# writes the files of the whole study, byte-identical to running it on one machine.
# KIZUNA names the binary (default: kizuna on the PATH).
set -eu
if [ "$#" -lt 2 ]; then
    echo "usage: run-shard.sh OUT_DIR mc|compare|sweep [ARGS...]" >&2
    exit 2
fi
out=$1
shift
if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
    k=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0} + 1))
    n=${SLURM_ARRAY_TASK_COUNT:?SLURM_ARRAY_TASK_COUNT unset: submit with sbatch --array}
elif [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
    k=$((JOB_COMPLETION_INDEX + 1))
    n=${KIZUNA_SHARDS:?set KIZUNA_SHARDS to the Job spec.completions}
else
    echo "run-shard.sh: no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX: not inside an array or indexed job" >&2
    exit 2
fi
# A retried task replaces its own earlier, partial output.
exec "${KIZUNA:-kizuna}" "$@" --quiet --shard "$k/$n" --out "$out/shard-$k" --force
