"""`find3d train CONFIG`: Find3D's contrastive training on data-engine shards (single process or torchrun DDP).

Each optimizer step consumes `batch_size` objects of a deterministic stream, split over processes and
micro-batches. With several processes the pooled mask features and their texts are gathered so that every mask
meets every text of the global batch, as in one process.
"""

from __future__ import annotations

import csv
import dataclasses
import logging
import time
from pathlib import Path

import torch

from find3d_core.geometry.preprocess import PreprocessConfig
from find3d_core.memory import pin_mmap_threshold
from find3d_core.model.checkpoint import CheckpointInfo, load_checkpoint, save_checkpoint
from find3d_core.model.config import Find3DConfig
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import build_text_encoder
from find3d_core.training.batching import Batch, make_batch
from find3d_core.training.config import TrainConfig
from find3d_core.training.distractors import DistractorBank
from find3d_core.training.distributed import gather_rows, local_device, setup, use_global_batch_norm
from find3d_core.training.loss import (
    absent_part_losses,
    contrastive_loss,
    point_rival_logits,
    point_rival_losses,
    pool_masks,
)
from find3d_core.training.state import load_training_state, save_training_state
from find3d_core.training.stream import ShardStream

log = logging.getLogger(__name__)
STATE_FILE = "training_state.safetensors"
LOG_FILE = "log.csv"


class Trainer:
    def __init__(self, config: TrainConfig) -> None:
        self.config = config
        self.rank, self.world = setup(config.device)
        pin_mmap_threshold()  # batches differ in size every step: keep resident memory flat
        self.device = torch.device(config.device if self.world == 1 else local_device(config.device))
        if config.num_threads:
            torch.set_num_threads(config.num_threads)
        if config.deterministic:
            # Threaded float reductions (scatter-adds) differ run to run and Adam amplifies that on tiny gradients.
            torch.set_num_threads(1)
            torch.use_deterministic_algorithms(True)
        torch.manual_seed(config.seed)
        self.encoder = build_text_encoder(config.text_encoder)
        self.model_config = Find3DConfig(config.backbone_config, text_dim=self.encoder.dim)
        self.model = Find3DModel(self.model_config).to(self.device)
        self.network: torch.nn.Module = self.model
        if self.world > 1:
            use_global_batch_norm(self.model)
            self.network = torch.nn.parallel.DistributedDataParallel(self.model)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.lr)
        # Cosine from lr to lr_min over the run (a resumed run's state restores its position).
        self.scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(self.optimizer, config.steps, config.lr_min)
        self.preprocess_config = PreprocessConfig(**config.preprocess)
        self.augment_config = config.augment_config
        self.stream = ShardStream(config.data, seed=config.seed)
        self.distractor_bank = (DistractorBank.from_file(config.distractor_words, self.encoder)
                                if config.distractors and config.distractor_words else None)
        self.output = Path(config.output)
        self.step = 0

    # ---- run ----

    def resume_if_possible(self) -> bool:
        path = self.output / STATE_FILE
        if not path.exists():
            if self.config.init:
                self.initialise_from(Path(self.config.init))
            return False
        self.step = load_training_state(path, self.model, self.optimizer, self.scheduler)
        log.info("resumed from %s at step %d", path, self.step)
        return True

    def initialise_from(self, checkpoint: Path) -> None:
        """Start from a trained model's weights (same architecture and text encoder), with a fresh optimizer."""
        model, info = load_checkpoint(checkpoint, device=self.device)
        if info.config.to_dict() != self.model_config.to_dict() or info.text_encoder != self.encoder.name:
            raise ValueError(
                f"init checkpoint {checkpoint} has another architecture or text encoder ({info.text_encoder}); "
                f"copy its backbone config into the training config"
            )
        self.model.load_state_dict({k: v.float() for k, v in model.state_dict().items()})
        log.info("initialised from %s", checkpoint)

    def train(self, until: int | None = None) -> Path:
        """Train (resuming from the run folder) to `config.steps`, or stop after step `until` (time-boxed jobs)."""
        self.output.mkdir(parents=True, exist_ok=True)
        self.resume_if_possible()
        last = self.config.steps if until is None else min(until, self.config.steps)
        while self.step < last:
            started = time.perf_counter()
            loss = self.train_step()
            self.step += 1
            self._log_row({"step": self.step, "loss": loss, "lr": self.scheduler.get_last_lr()[0],
                           "seconds": time.perf_counter() - started})
            if self.config.eval_every and self.step % self.config.eval_every == 0:
                self._log_row({"step": self.step, "val_miou": self.validate()})
            if self.step % self.config.checkpoint_every == 0 or self.step == last:
                self.save()
        validated = bool(self.config.eval_every) and self.step % self.config.eval_every == 0
        if self.config.val_data and self.rank == 0 and not validated:
            self._log_row({"step": self.step, "val_miou": self.validate()})
        return self.output / "model.safetensors"

    def train_step(self) -> float:
        """One optimizer step over this process's share of the global batch."""
        self.model.train()
        cfg = self.config
        per_rank = cfg.batch_size // self.world
        first = self.step * cfg.batch_size + self.rank * per_rank
        objects = self.stream.take(first, per_rank)
        seeds = [(cfg.seed, first + i) for i in range(per_rank)]  # position in the stream: rank- and resume-proof
        micro = per_rank // cfg.grad_accum
        self.optimizer.zero_grad(set_to_none=True)
        total = 0.0
        for k in range(cfg.grad_accum):
            part = slice(k * micro, (k + 1) * micro)
            batch = make_batch(objects[part], seeds[part], self.preprocess_config, self.augment_config,
                               cfg.generic_object_share, cfg.point_rivals).to(self.device)
            loss = self.batch_loss(batch) / cfg.grad_accum
            loss.backward()
            total += loss.item()
        self.optimizer.step()
        self.scheduler.step()
        return total

    def batch_loss(self, batch: Batch) -> torch.Tensor:
        cfg = self.config
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.device.type == "cuda"):
            structure = self.model.structure(batch.grid_coord, batch.offset)
            embeddings = self.network(batch.feat, structure).float()
        pooled = pool_masks(embeddings, batch.mask_point, batch.mask_id, batch.num_masks)
        text = self.encoder.encode(batch.mask_text).to(self.device)
        uses_table = cfg.unseen_part_negatives or cfg.unseen_point_weight or cfg.absent_point_weight
        table = self.part_table(batch) if uses_table else None
        point_terms = []  # per (point, mask) membership of a mask with rivals, in the same order
        if table is not None and (cfg.unseen_point_weight or cfg.absent_point_weight):
            own, rivals = point_rival_logits(embeddings, batch.mask_point, batch.mask_id, text, table[1:],
                                             batch.mask_rivals, self.model.ln_logit_scale)
            if cfg.unseen_point_weight:
                point_terms.append(cfg.unseen_point_weight * point_rival_losses(own, rivals))
            if cfg.absent_point_weight:
                point_terms.append(cfg.absent_point_weight * absent_part_losses(own, rivals))
        point_losses = sum(point_terms[1:], point_terms[0]) if point_terms else None
        unseen = unseen_valid = None
        if table is not None and cfg.unseen_part_negatives:
            unseen, unseen_valid = table[batch.mask_unseen + 1], batch.mask_unseen >= 0
        if self.world > 1:
            pooled, text = gather_rows(pooled), gather_rows(text)
            if unseen is not None and unseen_valid is not None:
                unseen, unseen_valid = gather_rows(unseen), gather_rows(unseen_valid.float()).bool()
            if point_losses is not None:
                point_losses = gather_rows(point_losses[:, None])[:, 0]  # the mean over every process's points
        distractors = None
        if self.distractor_bank is not None:  # the same words on every process: drawn from (seed, step)
            distractors = self.distractor_bank.draw(cfg.distractors, (cfg.seed, self.step)).to(self.device)
        loss = contrastive_loss(pooled, text, self.model.ln_logit_scale, cfg.no_part_logit, unseen, unseen_valid,
                                distractors, cfg.distractor_max_similarity)
        if point_losses is not None and len(point_losses):
            loss = loss + point_losses.mean()  # weighted above, per point
        return loss

    def part_table(self, batch: Batch) -> torch.Tensor:
        """(1 + T, D): a zero row (padding), then the embeddings of the batch's T part names (`Batch.part_text`)."""
        return torch.cat([torch.zeros(1, self.encoder.dim), self.encoder.encode(batch.part_text)]).to(self.device)

    # ---- outputs ----

    def save(self) -> None:
        if self.rank != 0:
            return
        save_training_state(self.output / STATE_FILE, self.model, self.optimizer, self.scheduler, self.step)
        info = CheckpointInfo(
            config=self.model_config,
            text_encoder=self.encoder.name,
            preprocess=dataclasses.asdict(self.preprocess_config),
            provenance={"data": self.config.data, "steps": self.step, "config": self.config.to_dict()},
            query_templates=self.config.query_templates_config,
        )
        save_checkpoint(self.output / "model.safetensors", self.model, info)

    def validate(self) -> float:
        from itertools import islice

        from find3d_core.inference.predictor import Find3DPredictor
        from find3d_core.training.evaluate import evaluate, labelled_clouds

        if not self.config.val_data:
            return float("nan")
        samples = list(islice(labelled_clouds(Path(self.config.val_data)), self.config.eval_max_objects))
        predictor = Find3DPredictor(self.model, self.encoder, query_templates=self.config.query_templates_config)
        return evaluate(predictor, samples, template=False).miou  # the texts it trains on are bare part names

    def _log_row(self, row: dict) -> None:
        if self.rank != 0:
            return
        path = self.output / LOG_FILE
        fields = ["step", "loss", "lr", "seconds", "val_miou"]
        new = not path.exists()
        with path.open("a", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            if new:
                writer.writeheader()
            writer.writerow(row)


def plot_log(output: Path) -> Path:
    """loss and validation mIoU against step, from log.csv, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = list(csv.DictReader((output / LOG_FILE).open()))
    fig, ax = plt.subplots(figsize=(7, 4))
    steps = [int(r["step"]) for r in rows if r["loss"]]
    ax.plot(steps, [float(r["loss"]) for r in rows if r["loss"]], label="train loss")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    val = [(int(r["step"]), float(r["val_miou"])) for r in rows if r.get("val_miou")]
    if val:
        twin = ax.twinx()
        twin.plot(*zip(*val), "o-", color="tab:green", label="val mIoU")
        twin.set_ylabel("val mIoU (%)")
    fig.tight_layout()
    path = output / "training.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
