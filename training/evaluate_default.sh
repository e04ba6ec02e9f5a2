#!/usr/bin/env bash
# Evaluation table of the default model (README "Shipped model"): held-out shapes of the training categories,
# held-out categories, and the real armchair; canonical pose and random rotations.
set -e
cd "$(dirname "$0")/.."
F=.venv/bin/find3d
CKPT=${1:-runs/default-cpu/model.safetensors}
[ -d data/armchair ] || $F engine build --assets ../shared/data/assets -o data/armchair --previews 0
for set in proc-val-shapes proc-val-categories armchair; do
  for pose in canonical rotate; do
    extra=$([ $pose = rotate ] && echo --rotate || true)
    echo "== $set ($pose)"
    $F eval data/$set --checkpoint "$CKPT" $extra --confusion-png "runs/eval-$set-$pose.png" \
      --json "runs/eval-$set-$pose.json" | tail -n 25
  done
done
