"""Train the small example of the PyTorch tutorial's model that ships in checkpoints/, and
export it with the very snippet the README gives (export_snippet.py).

    PYTHONPATH=. python -m examples.pytorch_tutorial.train_example \
        --data ../shared/data/tatoeba-fra-eng/fra-eng.tsv --out checkpoints/pytorch-tutorial-example

French -> English as in the tutorial, on its filtered pairs (English starting "i am", "he is",
...; fewer than 10 words), kept to the pairs whose words all occur at least ``--min-count``
times so the vocabularies and the file stay small. The weights are saved in float16 to keep the
example under half a megabyte (the importer reads float16 and float32 alike).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import torch

from examples.pytorch_tutorial import tutorial_model as tm

SNIPPET = Path(__file__).with_name("export_snippet.py")
CREDIT = "Tatoeba (tatoeba.org), via www.manythings.org/anki; CC-BY 2.0 FR"


def small_pairs(pairs, min_count: int):
    fra = Counter(w for a, _ in pairs for w in a.split(" "))
    eng = Counter(w for _, b in pairs for w in b.split(" "))
    return [
        (a, b)
        for a, b in pairs
        if all(fra[w] >= min_count for w in a.split(" "))
        and all(eng[w] >= min_count for w in b.split(" "))
    ]


def export(folder: Path, encoder, decoder, input_lang, output_lang, hidden_size: int) -> None:
    """Run the README's snippet in ``folder`` with the tutorial's names bound."""
    names = {
        "encoder": encoder,
        "decoder": decoder,
        "input_lang": input_lang,
        "output_lang": output_lang,
        "hidden_size": hidden_size,
        "MAX_LENGTH": tm.MAX_LENGTH,
    }
    here = Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import os

        os.chdir(folder)
        exec(compile(SNIPPET.read_text(), str(SNIPPET), "exec"), names)
    finally:
        os.chdir(here)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--min-count", type=int, default=8)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    pairs = small_pairs(tm.read_pairs(args.data), args.min_count)
    input_lang, output_lang = tm.Lang("fra"), tm.Lang("eng")
    for a, b in pairs:
        input_lang.add_sentence(a)
        output_lang.add_sentence(b)
    src, tgt = tm.tensors(pairs, input_lang, output_lang)
    encoder = tm.EncoderRNN(input_lang.n_words, args.hidden)
    decoder = tm.AttnDecoderRNN(args.hidden, output_lang.n_words)
    enc_opt = torch.optim.Adam(encoder.parameters(), lr=0.001)
    dec_opt = torch.optim.Adam(decoder.parameters(), lr=0.001)
    start, epoch, history = time.monotonic(), 0, []
    while time.monotonic() - start < args.minutes * 60:
        epoch += 1
        loss = tm.train_epoch(src, tgt, encoder, decoder, enc_opt, dec_opt)
        history.append(round(loss, 4))
        print(json.dumps({"epoch": epoch, "loss": loss, "s": round(time.monotonic() - start)}))
    encoder.eval()
    decoder.eval()
    exact = sum(
        tm.evaluate(encoder, decoder, a, input_lang, output_lang) == b.split(" ") for a, b in pairs
    )
    out = Path(args.out)
    encoder.half()
    decoder.half()
    export(out, encoder, decoder, input_lang, output_lang, args.hidden)
    settings = json.loads((out / "model.json").read_text(encoding="utf-8"))
    settings["training"] = {
        "command": "PYTHONPATH=. python -m examples.pytorch_tutorial.train_example "
        f"--data <fra-eng.tsv> --out {args.out} --hidden {args.hidden} "
        f"--min-count {args.min_count} --minutes {args.minutes} --seed {args.seed}",
        "pairs": len(pairs),
        "epochs": epoch,
        "loss_history": history,
        "exact_on_training_pairs": round(exact / len(pairs), 4),
        "data": CREDIT,
    }
    (out / "model.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({"pairs": len(pairs), "epochs": epoch, "exact": exact / len(pairs)}))


if __name__ == "__main__":
    main()
