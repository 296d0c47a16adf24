#!/usr/bin/env bash
# The next English->French recipe (issue 16), for the three models at once: one shared recipe,
# only --attention differs (dot also divides its scores by sqrt(H), as the shipped dot model does).
# BPE pieces instead of words (no <unk> for ordinary sentences), 12 epochs of cosine decay.
#
#   checkpoints/train-fra-eng.sh [DATA]          # DATA: the Tatoeba TSV (default: ../shared/data)
#   DEVICE=cuda THREADS=8 checkpoints/train-fra-eng.sh
#
# Environment: DEVICE (cpu or cuda, default cpu), THREADS (default 1), EPOCHS (default 12),
# RUNS (run folders, default runs/, which git ignores), KINDS (default "dot bahdanau none"),
# EXTRA (more train options, e.g. "--stop-after-minutes 1" for a quick try).
# Every run saves each epoch and every 15 minutes; running the script again resumes where it
# stopped. Each finished model is then scored on the test split (greedy and beam 5, with the
# <unk> share) into its evaluation.json. Copying a run into checkpoints/ stays a decision: check
# its figures and its size (at most 20 MB) first, then `python -m attention_core report`.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/tatoeba-fra-eng/fra-eng.tsv}
DEVICE=${DEVICE:-cpu}
THREADS=${THREADS:-1}
EPOCHS=${EPOCHS:-12}
RUNS=${RUNS:-runs}
KINDS=${KINDS:-dot bahdanau none}
EXTRA=${EXTRA:-}

COMMON=(--task fra-eng --data "$DATA" --subwords --src-vocab 8000 --tgt-vocab 8000
        --hidden 256 --emb-dim 256 --dropout 0.2 --batch-size 64 --lr 2e-3 --warmup-steps 500
        --epochs "$EPOCHS" --seed 1 --threads "$THREADS" --device "$DEVICE")

for kind in $KINDS; do
    out="$RUNS/fra-eng-$kind"
    args=("${COMMON[@]}" --attention "$kind" --out "$out")
    if [ "$kind" = dot ]; then args+=(--scaled); fi
    if [ -f "$out/train_state/state.json" ]; then args+=(--resume); fi
    echo "== $kind: python -m attention_core train ${args[*]} $EXTRA"
    # shellcheck disable=SC2086  # EXTRA is a list of options
    python -m attention_core train "${args[@]}" $EXTRA
    done_epochs=$(python -c "import json,sys; print(json.load(open(sys.argv[1]))['training']['epochs_done'])" "$out/config.json")
    if [ "$done_epochs" -lt "$EPOCHS" ]; then
        echo "== $kind stopped after epoch $done_epochs of $EPOCHS: run this script again to resume"
        continue
    fi
    python -m attention_core evaluate --checkpoint "$out" --data "$DATA" --split test \
        --also-beam 5 --save
done
