"""Contrastive training of Find3D on data-engine shards, and evaluation (mIoU)."""
