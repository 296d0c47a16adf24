"""Recorded beam search: every hypothesis that was kept, finished, pruned or cut, with its steps.

At each step the live hypotheses run as one batch of n rows through the same ``step`` as greedy
decoding. Of the 2k best continuations, those ending in <eos> within the top k finish; the k best
others go on. Search stops when k hypotheses have finished (hypotheses still live then count as
pruned) or at the length limit (live ones are "cut"). Finished hypotheses are ranked by
log-probability / length**alpha (alpha = ``length_penalty``; length counts <eos>). With k = 1
this is exactly greedy decoding.

Shape legend: n live rows, V target vocabulary.
"""

from __future__ import annotations

import torch

from .recording import make_step, new_trace
from .step_record import StepRecord
from .trace import BeamNode, Hypothesis
from .vocab import SOS, Vocab


def beam_search(tr, tokens, oov, text, memory, state, k, max_steps, alpha, top_k, record):
    model = tr.model
    initial = state
    nodes: list[BeamNode] = []  # the search tree, for the beam view
    node_rows: list[int] = []  # each node's row in its step's batch (to read its record)
    live: list[int] = []  # node id of each live row (empty: the root)
    cum = torch.zeros(1)  # (n,) cumulative log-probability of each live row
    prev = torch.tensor([Vocab.sos_id])
    per_step: list[tuple[StepRecord, torch.Tensor]] = []  # (record, log-probs (n, V)) per step
    finished: list[int] = []
    for t in range(max_steps):
        n = prev.size(0)
        out, state, rec = model.decoder.step(prev, state, memory.expand(n))
        logp = torch.log_softmax(model.generator(out), dim=-1)  # (n, V)
        per_step.append((rec, logp))
        vocab_size = logp.size(1)
        cand = (cum[:, None] + logp).reshape(-1)  # (n * V,)
        top_v, top_i = cand.topk(min(2 * k, cand.numel()))
        next_rows, next_tokens, next_cum, next_nodes = [], [], [], []
        kept_parents = set()
        for rank, (value, flat) in enumerate(zip(top_v.tolist(), top_i.tolist())):
            if len(next_rows) == k and rank >= k:
                break
            row, token = divmod(flat, vocab_size)
            parent = live[row] if live else None
            if token == Vocab.eos_id and rank >= k:
                continue  # an <eos> outside the top k neither finishes nor goes on
            if token != Vocab.eos_id and len(next_rows) == k:
                continue
            ends = token == Vocab.eos_id
            node = BeamNode(
                id=len(nodes),
                parent=parent,
                step=t,
                token_id=token,
                token=tr.tgt_vocab.tokens[token],
                log_prob=float(logp[row, token]),
                cum_log_prob=value,
                status="finished" if ends else "kept",
            )
            nodes.append(node)
            node_rows.append(row)
            kept_parents.add(row)
            if ends:
                finished.append(node.id)
            else:
                next_rows.append(row)
                next_tokens.append(token)
                next_cum.append(value)
                next_nodes.append(node.id)
        for row, node_id in enumerate(live):
            if row not in kept_parents:
                nodes[node_id].status = "pruned"  # no continuation survived
        live = next_nodes
        if len(finished) >= k or not next_rows:
            for node_id in live:  # the search is over: unfinished hypotheses are dropped
                nodes[node_id].status = "pruned"
            break
        rows = torch.tensor(next_rows)
        state = state.select(rows)
        prev = torch.tensor(next_tokens)
        cum = torch.tensor(next_cum)
    else:
        for node_id in live:
            nodes[node_id].status = "cut"

    def chain(node_id: int | None) -> list[BeamNode]:
        path = []
        while node_id is not None:
            path.append(nodes[node_id])
            node_id = nodes[node_id].parent
        return path[::-1]

    def score(node: BeamNode) -> float:
        length = node.step + 1
        return node.cum_log_prob / (length**alpha)

    ends = [nd for nd in nodes if nd.status in ("finished", "pruned", "cut")]
    done = [nd for nd in ends if nd.status == "finished"] or [
        nd for nd in ends if nd.status == "cut"
    ]
    best = max(done, key=score)
    best_path = chain(best.id)
    out_tokens = [nd.token for nd in best_path if nd.token_id != Vocab.eos_id]
    if not record:
        return out_tokens

    recs, topks, logps = [], [], []
    for rec, logp in per_step:
        recs.append({key: value.numpy() for key, value in rec.arrays().items()})
        values, ids = logp.topk(min(top_k, logp.size(1)), dim=-1)
        topks.append((values.exp().numpy(), ids.numpy()))
        logps.append(logp.numpy())
    rec_by_key = {key: [r[key] for r in recs] for key in recs[0]}
    topk_by_step = ([v for v, _ in topks], [i for _, i in topks])

    def steps_of(path):
        return [
            make_step(
                tr,
                nd.step,
                rec_by_key,
                node_rows[nd.id],
                logps[nd.step][node_rows[nd.id]],
                topk_by_step,
                nd.token_id,
                path[i - 1].token if i else SOS,
            )
            for i, nd in enumerate(path)
        ]

    hypotheses = []
    for nd in ends:
        path = chain(nd.id)
        hypotheses.append(
            Hypothesis(
                tokens=[p.token for p in path if p.token_id != Vocab.eos_id],
                log_prob=nd.cum_log_prob,
                score=score(nd),
                status=nd.status,
                steps=steps_of(path),
                node=nd.id,
            )
        )
    # The output's hypothesis first: finished ones, else (none finished) the cut ones, by score.
    rank = {"finished": 0, "cut": 1, "pruned": 2}
    hypotheses.sort(key=lambda h: (rank.get(h.status, 3), -h.score))
    return new_trace(
        tr,
        "beam",
        text,
        tokens,
        oov,
        out_tokens,
        memory,
        initial,
        steps_of(best_path),
        beam_size=k,
        length_penalty=alpha,
        hypotheses=hypotheses,
        beam_nodes=nodes,
    )
