# Add this at the end of the PyTorch tutorial (after training), then upload the three files.
import json

from safetensors.torch import save_file

save_file({k: v.cpu() for k, v in encoder.state_dict().items()}, "encoder.safetensors")
save_file({k: v.cpu() for k, v in decoder.state_dict().items()}, "decoder.safetensors")
with open("model.json", "w", encoding="utf-8") as f:
    json.dump(
        {
            "format": "pytorch-seq2seq-tutorial",
            "hidden_size": hidden_size,
            "max_length": MAX_LENGTH,
            "input_lang": input_lang.name,
            "output_lang": output_lang.name,
            "input_index2word": input_lang.index2word,
            "output_index2word": output_lang.index2word,
        },
        f,
        ensure_ascii=False,
    )
