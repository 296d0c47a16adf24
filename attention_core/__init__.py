"""attention_core: RNN encoder-decoders with dot-product (Luong), additive (Bahdanau) or no
attention, and recorded decoding that exposes every intermediate value of every step.

No Streamlit here: the app imports this package, never the other way round.
"""

from .checkpoint import CheckpointError, load, save
from .decoding import Translator, decode, translate_batch
from .model import ATTENTION_KINDS, ModelConfig, Seq2Seq
from .tasks import MAX_BEAM, MAX_INPUT_CHARS, TASKS, InputError, get_task
from .trace import Hypothesis, Step, Trace
from .vocab import Vocab

__all__ = [
    "ATTENTION_KINDS",
    "MAX_BEAM",
    "MAX_INPUT_CHARS",
    "TASKS",
    "CheckpointError",
    "Hypothesis",
    "InputError",
    "ModelConfig",
    "Seq2Seq",
    "Step",
    "Trace",
    "Translator",
    "Vocab",
    "decode",
    "get_task",
    "load",
    "save",
    "translate_batch",
]
