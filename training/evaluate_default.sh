#!/usr/bin/env bash
# Evaluation table of the default model (training/default_model.md, README "Status of the default model"):
# held-out shapes of the training categories, held-out categories and the real armchair; canonical pose, random
# headings about the up axis and random 3D rotations; bare part names and "{part} of a {category}" queries; and
# Find3D's panoptic variant (every point labelled) in the canonical pose.
set -e
cd "$(dirname "$0")/.."
F=.venv/bin/find3d
CKPT=${1:-runs/default-cpu/model.safetensors}
OUT=${2:-runs/eval}
mkdir -p "$OUT"
[ -d data/armchair ] || $F engine build --assets ../shared/data/assets -o data/armchair --previews 0
for set in proc-val-shapes proc-val-categories armchair; do
  for pose in canonical up any; do
    for query in bare template; do
      args=()
      [ $pose = canonical ] || args+=(--rotate $pose)
      [ $query = template ] || args+=(--no-template)
      echo "== $set, $pose, $query: $($F eval data/$set --checkpoint "$CKPT" "${args[@]}" --per-part \
        --confusion-png "$OUT/$set-$pose-$query.png" --json "$OUT/$set-$pose-$query.json" | tail -n 1)"
    done
  done
  # Find3D's panoptic variant: no point left as "no part".
  echo "== $set, canonical, bare, every point: $($F eval data/$set --checkpoint "$CKPT" --no-template --every-point \
    --json "$OUT/$set-canonical-bare-every.json" | tail -n 1)"
done
