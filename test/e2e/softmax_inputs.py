"""Special-value inputs for softmax.mlir: one kind per row (see there)."""
import numpy as np


def rows(n, seed):
    r = np.random.default_rng(seed).uniform(-20, 20, (8, n))
    r[1, ::3] = -np.inf
    r[2, :] = -np.inf
    r[3, n // 2] = np.inf
    r[4, n - 1] = np.nan
    r[5, 0] = np.inf
    r[5, n - 2] = np.inf
    r[6, 1] = np.inf
    r[6, 1 + min(16, n - 2)] = np.inf
    r[7, 0] = np.inf
    r[7, n // 3] = np.nan
    return r


inputs = [rows(1000, 1), rows(33, 2), rows(7, 3), rows(32, 4)]
