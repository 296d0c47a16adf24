"""attention_core: RNN encoder-decoders with dot-product (Luong), additive (Bahdanau) or no
attention, and recorded decoding that exposes every intermediate value of every step.

No Streamlit here: the app imports this package, never the other way round. Names are loaded
lazily, so reading a trace (``attention_core.trace``) does not import torch.
"""

from importlib import import_module

_EXPORTS = {
    "CheckpointError": "config_file",
    "read_config": "config_file",
    "load": "checkpoint",
    "save": "checkpoint",
    "Translator": "decoding",
    "decode": "decoding",
    "translate": "decoding",
    "translate_batch": "decoding",
    "set_threads": "decoding",
    "DecodeOptions": "options",
    "ATTENTION_KINDS": "kinds",
    "AttentionKind": "kinds",
    "kind": "kinds",
    "ModelConfig": "model",
    "Seq2Seq": "model",
    "MAX_BEAM": "tasks",
    "MAX_INPUT_CHARS": "tasks",
    "TASKS": "tasks",
    "InputError": "tasks",
    "get_task": "tasks",
    "BeamNode": "trace",
    "Hypothesis": "trace",
    "Step": "trace",
    "Trace": "trace",
    "Vocab": "vocab",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
