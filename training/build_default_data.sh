#!/usr/bin/env bash
# Training data for the shipped default model: 17 categories for training, 3 held out entirely.
set -e
cd "$(dirname "$0")/.."
F=.venv/bin/find3d
TRAIN=airplane,bottle,bowl,bucket,cabinet,cap,chair,faucet,hammer,knife,lamp,laptop,mug,pan,scissors,screwdriver,table
HELD=kettle,guitar,spatula
$F engine build --procedural 1020 --categories $TRAIN --seed 0 -o data/proc-train --workers 2 --previews 0
$F engine build --procedural 170 --categories $TRAIN --seed 100000 -o data/proc-val-shapes --workers 2 --previews 0
$F engine build --procedural 60 --categories $HELD --seed 200000 -o data/proc-val-categories --workers 2 --previews 0
echo DONE
