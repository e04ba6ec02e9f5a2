"""PT3 + Find3D head: names and shapes, parity with the reference, geometry bookkeeping, equivariance."""

from __future__ import annotations

import dataclasses
import json

import pytest
import torch

from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel
from find3d_core.model.parity import PARITY_TOLERANCE, check_parity
from find3d_core.model.serialization import encode, hilbert_code, interleave_bits
from find3d_core.model.sparse_conv import SubMConv3d
from find3d_core.model.structure import Level, build_neighbors, build_pairs, build_patches, build_structure
from helpers import shared_file

TINY = PT3Config(
    enc_depths=(1, 1, 2), enc_channels=(8, 16, 16), enc_num_head=(1, 2, 2), enc_patch_size=(32, 32, 32),
    dec_depths=(1, 1), dec_channels=(8, 16), dec_num_head=(1, 2), dec_patch_size=(32, 32), stride=(2, 2),
)


def random_cloud(n: int, extent: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.unique(torch.randint(0, extent, (n, 3), generator=g), dim=0)


def test_default_state_dict_matches_released_find3d():
    reference = json.loads(shared_file("reference/find3d_state_dict_shapes.json").read_text())
    model = Find3DModel(Find3DConfig())
    ours = {k: list(v.shape) for k, v in model.state_dict().items()}
    assert ours == reference


def test_parity_vector_within_tolerance():
    result = check_parity(shared_file("reference/parity_public.safetensors"))
    assert result.point_features < PARITY_TOLERANCE
    assert result.logits_features < PARITY_TOLERANCE


def test_zorder_interleaves_x_highest():
    grid = torch.tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [3, 0, 0]])
    assert interleave_bits(grid, 2).tolist() == [4, 2, 1, 4 | 32]


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_hilbert_is_a_continuous_bijection(depth):
    side = 1 << depth
    grid = torch.stack(torch.meshgrid(*[torch.arange(side)] * 3, indexing="ij"), -1).reshape(-1, 3)
    code = hilbert_code(grid, depth)
    assert sorted(code.tolist()) == list(range(side**3))
    walk = grid[torch.argsort(code)]
    steps = (walk[1:] - walk[:-1]).abs().sum(1)
    assert bool((steps == 1).all()), "consecutive Hilbert cells must be face neighbours"


def test_trans_orders_swap_x_and_y():
    grid = random_cloud(200, 16, 0)
    batch = torch.zeros(len(grid), dtype=torch.long)
    for base in ("z", "hilbert"):
        assert torch.equal(encode(grid, batch, 4, base + "-trans"), encode(grid[:, [1, 0, 2]], batch, 4, base))


def test_batch_index_keeps_clouds_contiguous():
    grid = random_cloud(300, 16, 1)
    batch = (torch.arange(len(grid)) >= 100).long()
    order = torch.argsort(encode(grid, batch, 4, "hilbert"))
    assert batch[order].tolist() == sorted(batch.tolist())


def conv_level(grid: torch.Tensor, kernel: int, with_pairs: bool) -> Level:
    """A level holding only what a convolution reads: the neighbour map, and the pair lists unless told not to."""
    batch = torch.zeros(len(grid), dtype=torch.long)
    level = Level(grid=grid, batch=batch, depth=0, codes=batch[None])
    level.neighbors[kernel] = build_neighbors(grid, batch, kernel)
    if with_pairs:
        level.pairs[kernel] = build_pairs(level.neighbors[kernel])
    return level


@pytest.mark.parametrize("with_pairs", [True, False], ids=["existing-pairs", "dense-map"])
@pytest.mark.parametrize("kernel", [3, 5])
def test_sparse_conv_matches_dense_convolution(kernel, with_pairs):
    grid = random_cloud(500, 10, 2)
    feat = torch.randn(len(grid), 4)
    conv = SubMConv3d(4, 6, kernel, bias=True)
    sparse = conv(feat, conv_level(grid, kernel, with_pairs))
    dense = torch.zeros(1, 4, 10, 10, 10)
    dense[0, :, grid[:, 0], grid[:, 1], grid[:, 2]] = feat.T
    out = torch.nn.functional.conv3d(dense, conv.weight.permute(0, 4, 1, 2, 3), conv.bias, padding=kernel // 2)
    expected = out[0][:, grid[:, 0], grid[:, 1], grid[:, 2]].T
    torch.testing.assert_close(sparse, expected, atol=1e-5, rtol=1e-5)


def test_pairs_hold_every_existing_neighbour_once_grouped_by_offset():
    grid = random_cloud(300, 8, 9)
    neighbors = build_neighbors(grid, torch.zeros(len(grid), dtype=torch.long), 3)
    pairs = build_pairs(neighbors)
    n = len(grid)
    expected = {(p, d, int(q)) for p in range(n) for d, q in enumerate(neighbors[p].tolist()) if q < n and d != 13}
    got = set()
    for d in range(27):
        s, e = pairs.starts[d], pairs.starts[d + 1]
        got |= {(int(p), d, int(q)) for p, q in zip(pairs.out_index[s:e], pairs.in_index[s:e])}
    assert got == expected and pairs.starts[-1] == len(expected)  # no pair twice, none missing, centre left out
    assert pairs.centre == 13 and pairs.starts[13] == pairs.starts[14]
    assert pairs.in_index.numel() + n == int((neighbors < n).sum())  # + the centre's self-pairs: all products


def test_sparse_conv_gradients_match_the_dense_map():
    """Training runs on the pair lists: their gradients must equal the dense formulation's."""
    grid = random_cloud(300, 8, 10)
    conv = SubMConv3d(5, 7, 3)
    grads = []
    for with_pairs in (True, False):
        feat = torch.randn(len(grid), 5, generator=torch.Generator().manual_seed(1), requires_grad=True)
        conv.zero_grad()
        conv(feat, conv_level(grid, 3, with_pairs)).square().sum().backward()
        grads.append((feat.grad, conv.weight.grad.clone(), conv.bias.grad.clone()))
    for a, b in zip(*grads):
        torch.testing.assert_close(a, b, atol=1e-4, rtol=1e-5)


def test_neighbors_never_cross_clouds():
    grid = torch.tensor([[0, 0, 0], [0, 0, 1], [0, 0, 0], [0, 0, 1]])
    batch = torch.tensor([0, 0, 1, 1])
    nb = build_neighbors(grid, batch, 3)
    assert set(nb[0].tolist()) == {0, 1, 4} and set(nb[2].tolist()) == {2, 3, 4}


def test_patches_follow_reference_padding_rule():
    n, k = 10, 4
    codes = torch.arange(n).flip(0)  # serialized order is the reverse of the input order
    patches = build_patches(codes, torch.zeros(n, dtype=torch.long), 1, k)
    order = torch.arange(n).flip(0)
    # 10 points, patch 4: padded to 12; slots 10, 11 repeat ordered positions 6, 7.
    expected = order[torch.tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 6, 7])].view(3, 4)
    assert torch.equal(patches.index, expected)
    assert patches.valid is None
    flat = patches.index.flatten()
    assert torch.equal(flat[patches.slot], torch.arange(n))


def test_small_cloud_is_one_masked_patch():
    # Clouds of 3 and 5 points, patch size 8: one patch each, as wide as the largest cloud (masked slots add nothing).
    patches = build_patches(torch.arange(8), torch.tensor([0] * 3 + [1] * 5), 2, 8)
    assert patches.index.shape == (2, 5)
    assert patches.valid.tolist() == [[True] * 3 + [False] * 2, [True] * 5]
    assert build_patches(torch.arange(3), torch.zeros(3, dtype=torch.long), 1, 8).valid is None  # exactly full


def test_output_is_equivariant_to_input_permutation():
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(TINY, text_dim=12)).eval()
    grid = random_cloud(400, 24, 3)
    feat = torch.randn(len(grid), 6)
    perm = torch.randperm(len(grid))
    offset = torch.tensor([len(grid)])
    with torch.no_grad():
        out = model(feat, build_structure(grid, offset, TINY))
        out_perm = model(feat[perm], build_structure(grid[perm], offset, TINY))
    torch.testing.assert_close(out[perm], out_perm, atol=1e-5, rtol=1e-4)


def test_clouds_in_a_batch_do_not_interact():
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(TINY, text_dim=12)).eval()
    a, b = random_cloud(300, 20, 4), random_cloud(200, 20, 5)
    fa, fb = torch.randn(len(a), 6), torch.randn(len(b), 6)
    with torch.no_grad():
        both = model(torch.cat([fa, fb]), build_structure(torch.cat([a, b]), torch.tensor([len(a), len(a) + len(b)]), TINY))
        alone = model(fb, build_structure(b, torch.tensor([len(b)]), TINY))
    torch.testing.assert_close(both[len(a):], alone, atol=1e-5, rtol=1e-4)


def test_bf16_autocast_runs_and_stays_close():
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(TINY, text_dim=12)).eval()
    grid = random_cloud(300, 20, 6)
    feat = torch.randn(len(grid), 6)
    structure = build_structure(grid, torch.tensor([len(grid)]), TINY)
    with torch.no_grad():
        full = model(feat, structure)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            low = model(feat, structure)
    assert low.shape == full.shape and torch.isfinite(low).all()
    assert torch.nn.functional.cosine_similarity(low.float(), full, dim=1).mean() > 0.98


def test_training_step_reaches_every_parameter():
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(TINY, text_dim=12)).train()
    grid = random_cloud(300, 20, 7)
    out = model(torch.randn(len(grid), 6), build_structure(grid, torch.tensor([len(grid)]), TINY))
    out.square().mean().backward()
    unused = [n for n, p in model.named_parameters() if p.grad is None and n != "ln_logit_scale"]
    assert unused == []


# Encoder patches of 16 and decoder patches of 48: the ~300-voxel finest level spans several patches of either size.
QUIRK = dataclasses.replace(TINY, enc_patch_size=(16, 16, 16), dec_patch_size=(48, 48))


def test_decoder_blocks_reuse_the_encoder_patch_layout():
    """The reference caches a level's padding under keys without the patch size, so its decoder blocks attend in the
    layout the encoder blocks built: the decoder's own patch size changes nothing."""
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(QUIRK, text_dim=12)).eval()
    same = Find3DModel(Find3DConfig(dataclasses.replace(QUIRK, dec_patch_size=(16, 16)), text_dim=12)).eval()
    same.load_state_dict(model.state_dict())
    grid = random_cloud(300, 20, 11)
    feat = torch.randn(len(grid), 6)
    offset = torch.tensor([len(grid)])
    structure = build_structure(grid, offset, QUIRK)
    assert {k for _, k in structure.levels[0].patches} == {16}  # no layout of the decoder's size is built
    with torch.no_grad():
        out = model(feat, structure)
        torch.testing.assert_close(out, same(feat, build_structure(grid, offset, same.config.backbone)))
        # The test can tell: decoder blocks that built their own 48-wide patches give another answer.
        for o in range(len(QUIRK.order)):
            finest = structure.levels[0]
            finest.patches[(o, 48)] = build_patches(finest.codes[o], finest.batch, 1, 48)
        for block in model.extractor.dec["dec0"].children():
            if hasattr(block, "layout_key"):
                block.layout_key = (block.order_index, 48)
        own = model(feat, structure)
    assert (own - out).norm() / out.norm() > 1e-3


def test_inner_neighbour_map_equals_a_direct_lookup():
    """The finest level's 3x3x3 map is cut from its 5x5x5 map; it must be the map a 3x3x3 lookup builds."""
    from find3d_core.model.structure import inner_neighbors

    grid = random_cloud(400, 9, 12)
    batch = torch.zeros(len(grid), dtype=torch.long)
    assert torch.equal(inner_neighbors(build_neighbors(grid, batch, 5), 3), build_neighbors(grid, batch, 3))
    structure = build_structure(grid, torch.tensor([len(grid)]), TINY)
    assert torch.equal(structure.levels[0].neighbors[3], build_neighbors(grid, batch, 3))
