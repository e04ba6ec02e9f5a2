#!/usr/bin/env bash
# Data of model v2 (README, "The default model"): robot captures and complete objects of the training categories, worded as a VLM
# would; evaluation sets of held-out shapes and held-out categories, as robot captures and as complete objects, named
# with the canonical part names. The category split is in training/v2_categories.py. Resumable: rerun after a stop.
set -e
cd "$(dirname "$0")/.."
F=.venv/bin/find3d
PY=.venv/bin/python
W=${WORKERS:-2}
TRAIN=$($PY training/v2_categories.py train)
HELD=$($PY training/v2_categories.py held)
V1=$($PY training/v2_categories.py v1)
common=(--workers "$W" --previews 0)
# Model v1, which v2 starts from and is compared with: the default model as shipped at commit 8f7e7c6.
mkdir -p runs
$PY training/distractor_words.py data/v2-distractors.txt  # the distractor recipe's word list (v2-cpu-distract.yaml)
$PY training/distractor_words.py data/v2-part-distractors.txt --part-like 1500  # v2-cpu-partwords.yaml's
[ -f runs/v1.safetensors ] || git show 8f7e7c6:find3d_core/find3d_core/assets/find3d_default.safetensors > runs/v1.safetensors
# Training: robot captures at 480x360 (point density matters little after resampling; 1.8x cheaper than 640x480).
$F engine build --capture 2400 --categories "$TRAIN" --seed 0 --phrasing vlm --capture-size 480x360 \
  -o data/v2-captures "${common[@]}"
# New shapes for v2-cpu-moredata.yaml, which lists them in place of the second listing of the first 2,400.
$F engine build --capture 2400 --categories "$TRAIN" --seed 1000000 --phrasing vlm --capture-size 480x360 \
  -o data/v2-captures2 "${common[@]}"
# And 2,400 more for v2-cpu-moredata3.yaml.
$F engine build --capture 2400 --categories "$TRAIN" --seed 2000000 --phrasing vlm --capture-size 480x360 \
  -o data/v2-captures3 "${common[@]}"
$F engine build --procedural 1024 --categories "$TRAIN" --seed 0 --phrasing vlm -o data/v2-complete "${common[@]}"
# The domains added for breadth (v2_categories.ADDED_DOMAINS), captures and complete objects: the first wave for
# v2-cpu-breadth.yaml, the second for v2-cpu-breadth2.yaml.
build_added() {  # wave, capture seed, complete-object seed
  local cats
  cats=$($PY training/v2_categories.py "$1")
  $F engine build --capture 1200 --categories "$cats" --seed "$2" --phrasing vlm --capture-size 480x360 \
    -o "data/v2-captures-$1" "${common[@]}"
  $F engine build --procedural 512 --categories "$cats" --seed "$3" --phrasing vlm -o "data/v2-complete-$1" "${common[@]}"
}
build_added added 3000000 700000
build_added added2 4000000 800000
# Stage 2 (training/configs/v2-cpu-stage2.yaml): new complete shapes of v1's 17 categories, against forgetting them.
$F engine build --procedural 512 --categories "$V1" --seed 600000 --phrasing vlm -o data/v1-complete "${common[@]}"
# Validation during training (captures of held-out shapes).
$F engine build --capture 60 --categories "$TRAIN" --seed 500000 --phrasing canonical -o data/v2-val "${common[@]}"
# Evaluation: robot captures at 640x480 and complete objects; held-out shapes and held-out categories.
$F engine build --capture 200 --categories "$TRAIN" --seed 300000 --phrasing canonical -o data/eval-captures-shapes "${common[@]}"
$F engine build --capture 180 --categories "$HELD" --seed 400000 --phrasing canonical -o data/eval-captures-categories "${common[@]}"
# The rule's set: held-out categories in captures again, four times as many (60 captures a category), so that its
# figure ranks models a point or two apart (evaluate_models.py, LARGE_SETS).
$F engine build --capture 720 --categories "$HELD" --seed 430000 --phrasing canonical \
  -o data/eval-captures-categories-rule "${common[@]}"
$F engine build --procedural 182 --categories "$TRAIN" --seed 100000 --phrasing canonical -o data/eval-complete-shapes "${common[@]}"
$F engine build --procedural 96 --categories "$HELD" --seed 200000 --phrasing canonical -o data/eval-complete-categories "${common[@]}"
$F engine build --procedural 170 --categories "$V1" --seed 100000 --phrasing canonical -o data/eval-v1-shapes "${common[@]}"
# Captures of the categories of both added waves (ADDED_DOMAINS), which v1 and the kept v2 never trained on: how they
# meet object domains of their own, not cousins of the training categories (README, "What the figures show").
ADDED=$($PY training/v2_categories.py added),$($PY training/v2_categories.py added2)
$F engine build --capture 444 --categories "$ADDED" --seed 420000 --phrasing canonical \
  -o data/eval-captures-new-domains "${common[@]}"
[ -d data/armchair ] || $F engine build --assets ../shared/data/assets -o data/armchair --previews 0
echo DONE
