"""The geometry of attention and the line view: the data behind the step player's two panels.

Geometry (issue 18). One PCA per sentence, fitted on the keys h_i and the decoder's queries q_t
together (q_t = s_t for dot/general, s_{t-1} for Bahdanau: ``Step.query``). The map is affine,
x -> x' = P (x - mu), with P (2, D) orthonormal rows, and that fixes what the picture may claim:

- context point: sum_i alpha^t_i P(h_i - mu) = P(sum_i alpha^t_i h_i - mu) = P(a_t - mu), since
  sum_i alpha^t_i = 1 cancels the centring. The weighted mean of the projected keys *is* the
  projected context a_t, and (alpha >= 0) it lies inside the projected keys' convex hull.
- dot products: the true origin lands at o = P(0 - mu) = -P mu. Measured from o, the picture's
  dot product is (q'_t - o) . (h'_i - o) = (P q_t) . (P h_i) = q_t^T P^T P h_i; times the model's
  scale (1/sqrt(H) for the scaled dot model, ``Trace.score_scale``) it is the projected score.
  It equals the true score e^t_i = scale * s_t^T h_i when H = 2, or when the keys and queries
  lie in a 2-D subspace through the origin and, centred, span it (PCA then finds that subspace).
  Within a step only the direction P q_t matters for the ranking: the keys furthest
  along the query arrow score highest.
- Bahdanau's score e^t_i = v_a^T tanh(W_b s_{t-1} + W_c h_i) is not a dot product: the state view
  still reports how far the picture's dot product tracks it (``exact_form`` False). The additive
  view has its own PCA on c_i = W_c h_i (``Trace.keys_proj``) and b_t = W_b s_{t-1}
  (``Step.query_proj``); its projected score is v_a^T tanh(b^_t + c^_i) with x^ = mu + P^T x',
  the score of the points where the picture puts them (exact when they span a 2-D affine plane).
  The trace does not record v_a, so the caller passes it (the model's ``score.v_a.weight``).

Line view: one line per (source position i, output position t) with alpha^t_i >= the threshold.

Shape legend: S source positions, T decoder steps, D dimension of the points (H or A).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .kinds import kind
from .trace import Trace

TOP_K = 3  # the top-k set compared between true and projected scores
LINE_THRESHOLD = 0.05  # a line for every pair with alpha^t_i >= 0.05
OPACITY_RANGE = (0.15, 1.0)  # opacity at weight 0 and 1, linear in between
WIDTH_RANGE = (0.5, 6.0)  # line width (px) at weight 0 and 1, linear in between
EARLIER_FADE = 0.3  # earlier steps' lines: opacity times this


def _frozen(a, dtype=float) -> np.ndarray:
    a = np.array(a, dtype=dtype)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class Projection2D:
    """PCA to two dimensions: x' = P (x - mu), the rows of P the top right-singular vectors."""

    mean: np.ndarray  # (D,) mu
    components: np.ndarray  # (2, D) P, orthonormal rows; each one's largest entry positive
    variance_kept: float  # share of the total variance along the 2 components, in [0, 1]

    def project(self, x) -> np.ndarray:
        return (np.asarray(x, dtype=float) - self.mean) @ self.components.T  # (..., 2)

    def reconstruct(self, xy) -> np.ndarray:
        """x^ = mu + P^T x': the point of the plane drawn at x'."""
        return self.mean + np.asarray(xy, dtype=float) @ self.components  # (..., D)


def fit_pca2(points) -> Projection2D:
    """Centre (mu = mean of the rows), then SVD: X - mu = U Sigma V^T, P = the first 2 rows of V^T.

    variance_kept = (sigma_1^2 + sigma_2^2) / sum_j sigma_j^2 (1 when nothing varies)."""
    x = np.asarray(points, dtype=float)  # (N, D)
    if x.ndim != 2 or x.shape[1] < 2 or x.shape[0] < 1:
        raise ValueError("PCA to 2-D needs points as rows of at least two coordinates")
    mean = x.mean(axis=0)
    _, sigma, vt = np.linalg.svd(x - mean, full_matrices=x.shape[0] < 2)
    components = vt[:2]  # (2, D)
    biggest = np.abs(components).argmax(axis=1)
    components = components * np.sign(components[[0, 1], biggest])[:, None]  # a fixed sign
    total = float((sigma**2).sum())
    kept = float((sigma[:2] ** 2).sum()) / total if total > 0 else 1.0
    return Projection2D(_frozen(mean), _frozen(components), min(1.0, kept))


def _ranks(a: np.ndarray) -> np.ndarray:
    """Ranks 0..n-1, ties sharing their mean rank (as Spearman's rho needs)."""
    order = a.argsort(kind="stable")
    ranks = np.empty(len(a))
    ranks[order] = np.arange(len(a))
    _, inverse = np.unique(a, return_inverse=True)
    return (np.bincount(inverse, ranks) / np.bincount(inverse))[inverse]  # (n,)


def pearson(a, b) -> float:
    """Pearson's r; NaN when either side does not vary (e.g. one source token)."""
    a, b = np.ravel(a).astype(float), np.ravel(b).astype(float)
    a, b = a - a.mean(), b - b.mean()
    denom = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / denom) if denom > 1e-12 * max(1.0, len(a)) else float("nan")


def spearman(a, b) -> float:
    """Spearman's rho: Pearson's r of the ranks."""
    return pearson(_ranks(np.ravel(a)), _ranks(np.ravel(b)))


@dataclass(frozen=True, eq=False)
class Geometry:
    """One sentence's keys and queries in one 2-D picture, with how faithful the picture is."""

    space: str  # "state" (h_i and the queries) or "additive" (W_c h_i and W_b s_{t-1})
    key_name: str  # "h_i" or "W_c h_i"
    query_name: str  # "s_t", "s_{t-1}" or "W_b s_{t-1}"
    projection: Projection2D
    keys: np.ndarray  # (S, 2) h'_i, one per source position
    queries: np.ndarray  # (T, 2) q'_t, one per step: the path of the queries
    contexts: np.ndarray  # (T, 2) sum_i alpha^t_i h'_i = P(a_t - mu)
    origin: np.ndarray  # (2,) o = -P mu, where the D-space origin lands
    weights: np.ndarray  # (T, S) alpha^t
    true_scores: np.ndarray  # (T, S) e^t, the model's scores
    projected_scores: np.ndarray | None  # (T, S) the picture's scores; None: additive, no v_a
    exact_form: bool  # True when projected_scores has the true score's form
    score_direction: np.ndarray | None  # (2,) P v_a, additive view with v_a only
    pearson: float  # r between projected and true scores, all steps' pairs pooled
    spearman: float  # rho, pooled likewise
    step_pearson: np.ndarray  # (T,) r within each step (NaN for one source token)
    step_spearman: np.ndarray  # (T,) rho within each step
    top1_agrees: np.ndarray  # (T,) the true top-1 key is the projected top-1 key
    top3_overlap: np.ndarray  # (T,) |top-3 true & top-3 projected| / min(3, S)

    @property
    def variance_kept(self) -> float:
        return self.projection.variance_kept

    def to_dict(self, digits: int = 4) -> dict:
        """JSON-ready: arrays as nested lists rounded to ``digits`` (NaN -> None)."""

        def plain(v):
            if isinstance(v, np.ndarray):
                return [plain(x) for x in v] if v.ndim else plain(v.item())
            if isinstance(v, float | np.floating):
                return None if np.isnan(v) else round(float(v), digits)
            return v.item() if isinstance(v, np.generic) else v

        d = {f: plain(getattr(self, f)) for f in self.__dataclass_fields__ if f != "projection"}
        d["variance_kept"] = plain(self.variance_kept)
        return d


def _attention_steps(trace: Trace) -> tuple[np.ndarray, np.ndarray]:
    if not trace.steps or trace.steps[0].scores is None:
        raise ValueError("the geometry of attention needs a model with attention")
    scores = np.stack([s.scores for s in trace.steps]).astype(float)  # (T, S)
    weights = np.stack([s.weights for s in trace.steps]).astype(float)  # (T, S)
    return scores, weights


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-scores, axis=1, kind="stable")[:, :k]  # (T, k)


def agreement(true_scores, projected_scores, k: int = TOP_K) -> tuple[np.ndarray, np.ndarray]:
    """Per step: does argmax_i agree, and |top-k true & top-k projected| / min(k, S).

    Ranked by the true scores e^t: the order of the weights too, unless a what-if override
    replaced them. Ties go to the lower position."""
    t, p = np.asarray(true_scores, dtype=float), np.asarray(projected_scores, dtype=float)
    top1 = t.argmax(axis=1) == p.argmax(axis=1)  # (T,)
    k = min(k, t.shape[1])
    tk, pk = _top_k(t, k), _top_k(p, k)
    overlap = np.array([len(set(a) & set(b)) / k for a, b in zip(tk, pk)])  # (T,)
    return top1, overlap


def _geometry(space, names, exact, keys, queries, weights, scores, *, fit, score, v_a=None):
    """The common part: project ``keys`` (S, D) and ``queries`` (T, D) by one PCA (``fit``, or
    fitted on both), then score the picture with ``score(pca, k', q')`` -> (T, S), if given."""
    keys, queries = np.asarray(keys, dtype=float), np.asarray(queries, dtype=float)
    pca = fit or fit_pca2(np.concatenate([keys, queries]))  # fitted on (S + T, D)
    k2, q2 = pca.project(keys), pca.project(queries)  # (S, 2), (T, 2)
    projected = None if score is None else score(pca, k2, q2)  # (T, S)
    if projected is None:  # nothing to compare: NaN figures, no agreement claimed
        nan_t = np.full(len(queries), np.nan)
        top1, top3, step_r, step_rho = np.zeros(len(queries), bool), nan_t, nan_t, nan_t
        r = rho = float("nan")
    else:
        steps = list(zip(projected, scores))
        top1, top3 = agreement(scores, projected)
        r, rho = pearson(projected, scores), spearman(projected, scores)
        step_r = np.array([pearson(p, s) for p, s in steps])
        step_rho = np.array([spearman(p, s) for p, s in steps])
    return Geometry(
        space=space,
        key_name=names[0],
        query_name=names[1],
        projection=pca,
        keys=_frozen(k2),
        queries=_frozen(q2),
        contexts=_frozen(weights @ k2),  # (T, 2) weighted means of the projected keys
        origin=_frozen(-pca.components @ pca.mean),
        weights=_frozen(weights),
        true_scores=_frozen(scores),
        projected_scores=None if projected is None else _frozen(projected),
        exact_form=exact and projected is not None,
        score_direction=None if v_a is None else _frozen(pca.components @ v_a),
        pearson=r,
        spearman=rho,
        step_pearson=_frozen(step_r),
        step_spearman=_frozen(step_rho),
        top1_agrees=_frozen(top1, bool),
        top3_overlap=_frozen(top3),
    )


def state_geometry(trace: Trace, fit: Projection2D | None = None) -> Geometry:
    """Keys h_i and queries in one PCA; projected score = scale * (P q_t) . (P h_i).

    That is the true score's form for dot attention only; for general (s_t^T W_a h_i) and
    Bahdanau it is a dot product in the picture set against a score of another form."""
    scores, weights = _attention_steps(trace)
    record = kind(trace.attention_kind)
    dot = record.score_is_dot  # the picture's score has the true score's form
    scale = trace.score_scale if dot else 1.0
    queries = np.stack([s.query for s in trace.steps])  # (T, H)
    names = ("h_i", record.query_symbol)

    def score(pca, k2, q2):
        o = -pca.components @ pca.mean  # (2,)
        return scale * (q2 - o) @ (k2 - o).T  # (T, S) = scale * (P q_t) . (P h_i)

    return _geometry(
        "state", names, dot, trace.keys, queries, weights, scores, fit=fit, score=score
    )


def additive_geometry(trace: Trace, v_a=None, fit: Projection2D | None = None) -> Geometry:
    """Bahdanau only: c_i = W_c h_i and b_t = W_b s_{t-1} in their own PCA; with v_a (A,), the
    projected score v_a^T tanh(b^_t + c^_i) of the reconstructed points (x^ = mu + P^T x')."""
    if "query_proj" not in kind(trace.attention_kind).score_parts or trace.keys_proj is None:
        raise ValueError("the additive space exists for Bahdanau attention only")
    scores, weights = _attention_steps(trace)
    queries = np.stack([s.query_proj for s in trace.steps])  # (T, A)
    v = None if v_a is None else np.ravel(np.asarray(v_a, dtype=float))  # (A,)

    def score(pca, k2, q2):
        pre = pca.reconstruct(q2)[:, None, :] + pca.reconstruct(k2)[None, :, :]  # (T, S, A)
        return np.tanh(pre) @ v  # (T, S)

    names = ("W_c h_i", "W_b s_{t-1}")
    sc = None if v is None else score
    points = (trace.keys_proj, queries, weights, scores)
    return _geometry("additive", names, True, *points, fit=fit, score=sc, v_a=v)


@dataclass(frozen=True)
class Line:
    """One line of the line view: source position ``source`` to output position ``output``."""

    source: int  # i, 0-based source position (repeated tokens are different positions)
    output: int  # t, 0-based output position = decoder step
    weight: float  # alpha^t_i >= the threshold
    opacity: float  # linear in the weight; times EARLIER_FADE for earlier steps
    width: float  # px, linear in the weight
    current: bool  # the step being shown (False: an earlier step)


@dataclass(frozen=True)
class LineView:
    """The line view at one step: two rows of tokens and the lines between them."""

    source_tokens: tuple[str, ...]  # (S,) one per source position
    output_tokens: tuple[str, ...]  # (T,) each step's token, the last one possibly <eos>
    threshold: float
    step: int | None  # the current step; None: the whole sentence, every line current
    lines: tuple[Line, ...]  # by output position, then source position


def line_view(trace: Trace, step: int | None = None, threshold: float = LINE_THRESHOLD) -> LineView:
    """Lines for every (i, t) with alpha^t_i >= threshold, t <= step (all steps if None)."""
    if not 0 < threshold <= 1:
        raise ValueError("the threshold is a weight in (0, 1]")
    matrix = trace.attention_matrix  # (T, S)
    if matrix is None:
        raise ValueError("the line view needs a model with attention")
    if step is not None and not 0 <= step < len(matrix):
        raise ValueError(f"step {step} is not one of the {len(matrix)} decoder steps")
    matrix = matrix.astype(float)  # compared in float64: every line's weight >= threshold
    last = len(matrix) - 1 if step is None else step
    (o0, o1), (w0, w1) = OPACITY_RANGE, WIDTH_RANGE
    lines = []
    for t in range(last + 1):
        current = step is None or t == step
        for i in np.flatnonzero(matrix[t] >= threshold):
            w = float(matrix[t, i])
            opacity = (o0 + (o1 - o0) * w) * (1.0 if current else EARLIER_FADE)
            lines.append(Line(int(i), t, w, opacity, w0 + (w1 - w0) * w, current))
    outputs = tuple(s.token for s in trace.steps)
    return LineView(tuple(trace.source_tokens), outputs, threshold, step, tuple(lines))
