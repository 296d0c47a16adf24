"""Every visible string of the app, in English and Korean, and the lookup ``tr``.

Strings may hold Markdown and KaTeX (``$s_t$``): they are ours, never user text. Strings
formatted with values (``{t}``) hold no LaTeX braces. User tokens are never put in a string
that is rendered as Markdown; where one appears in a message (``step_tokens``) the page shows
it with ``st.text``.

Terms: one word per concept, the Korean course notes' where they have one (컨텍스트 벡터,
어텐션 스코어, t 시점, 닷-프로덕트 어텐션, 바다나우 어텐션, ...). The glossary
``explorer/texts/glossary.toml`` lists them with the synonyms no string may use, and
``tests/test_glossary.py`` checks every string against it. Model names come from the ``kind_*``
keys (``KIND_KEYS``); Korean is written in 합니다체, requests in -세요.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # app and pages
        "app_title": "Seq2seq Attention Explorer",
        "page_explorer": "Explorer",
        "page_about": "About the models",
        "explorer_title": "Seq2seq Attention Explorer",
        "explorer_intro": (
            "Type a sentence and watch a trained RNN encoder–decoder translate it, one decoder "
            "step at a time: the query, the attention scores, the attention weights, the context "
            "vector and the next-word probabilities — the model's real numbers."
        ),
        # sidebar
        "task_label": "Task",
        "task_dates": "Dates → ISO 8601",
        "task_fra-eng": "English → French",
        "task_other": "Task {task}",
        "model_label": "Model",
        "model_help": (
            "Dot-product attention (Luong et al., 2015) uses the state after the RNN update, "
            "$s_t$, as the query; Bahdanau attention (Bahdanau et al., 2015) uses the state before "
            "it, $s_{t-1}$. The baseline has no attention at all."
        ),
        "kind_dot": "Dot-product attention (Luong)",
        "kind_bahdanau": "Bahdanau attention",
        "kind_none": "No attention (baseline)",
        "kind_general": "General attention (Luong)",
        "kind_other": "Attention: {kind}",
        "unavailable_missing": "not trained yet",
        "unavailable_broken": "unavailable",
        "metric_exact_match": "Validation exact match: {value:.1f}%",
        "metric_bleu": "Validation BLEU: {value:.1f}",
        "metric_chrf": "Validation chrF: {value:.1f}",
        "metric_test_exact_match": "Test exact match: {value:.1f}%",
        "metric_test_bleu": "Test BLEU: {value:.1f}",
        "metric_test_chrf": "Test chrF: {value:.1f}",
        "metric_test_note": "on {n:,} held-out sentences (python -m attention_core evaluate)",
        "credit_tatoeba": (
            "English–French sentence pairs: [Tatoeba](https://tatoeba.org), as packaged by "
            "[manythings.org/anki](https://www.manythings.org/anki/), licensed "
            "[CC-BY 2.0 FR](https://creativecommons.org/licenses/by/2.0/fr/)."
        ),
        "credit_app": "Models: RNN encoder–decoders trained for this app, on CPUs.",
        "no_models": (
            "No trained model was found in the checkpoints folder yet. Train one with "
            "`python -m attention_core train` (see the README), then reload this page."
        ),
        "model_missing": (
            "The model **{name}** has not been trained yet: there is no checkpoint for it. "
            "Pick another model in the sidebar."
        ),
        "model_broken": (
            "The model **{name}** could not be loaded, so it is unavailable. What the loader "
            "reported:"
        ),
        "model_try_other": "The other models of this task still work: pick one in the sidebar.",
        # inputs
        "sentence_label": "Sentence to translate",
        "sentence_help_text": (
            "An English sentence of up to 60 words. It is lowercased and split into words."
        ),
        "sentence_help_dates": (
            "A date written any common way, in English, French, German, Korean or Spanish "
            "(years 1000–2999, four digits). The model reads it character by character."
        ),
        "examples_label": "Or try an example:",
        "mode_label": "Decoding",
        "mode_help": (
            "Greedy decoding takes the most probable token at each step. Beam search keeps the k "
            "most probable partial translations. Forced decoding feeds the model a reference "
            "translation, one token per step (teacher forcing), so you can see where it attends "
            "for words it would not have chosen."
        ),
        "mode_greedy": "Greedy",
        "mode_beam": "Beam search",
        "mode_forced": "Forced decoding (reference)",
        "beam_label": "Beam width k",
        "beam_help": "How many partial translations the search keeps at each step (1 = greedy).",
        "reference_label": "Reference translation",
        "reference_help": (
            "The tokens fed to the decoder, one per step, instead of its own choices."
        ),
        # messages
        "err_empty": "The input is empty: type a sentence.",
        "err_too_long": (
            "The input has {length:,} characters; the limit is {limit:,}. Please shorten it."
        ),
        "err_too_many_tokens": (
            "The input has {length} tokens; this model reads at most {limit}. Please shorten it."
        ),
        "err_target_too_long": (
            "The forced translation has {length} tokens; this model writes at most {limit}. "
            "Please shorten it."
        ),
        "err_not_text": "The input must be text.",
        "err_bad_beam": "The beam width must be between 1 and {limit}.",
        "err_empty_reference": "Forced decoding needs a reference translation: type one.",
        "err_bad_override": (
            "Replacement weights must be non-negative numbers, one per source token, not all 0."
        ),
        "err_bad_mode": "Unknown decoding mode.",
        "err_input_other": "This input cannot be decoded.",
        "err_unexpected": (
            "Something went wrong while decoding this sentence. Try another sentence or model."
        ),
        "warn_no_content": (
            "The input has no letter or digit (only punctuation, symbols or emoji), so there is "
            "nothing to translate. Type a sentence."
        ),
        "warn_markup": (
            "The input looks like HTML. That is fine: it is read as plain characters and shown "
            "exactly as typed, never run."
        ),
        "warn_mostly_unknown": (
            "Most of the input is not in the model's vocabulary (each such token is read as "
            "`<unk>`), so the output means little."
        ),
        # results
        "translation_label": "Translation",
        "oov_caption": (
            "{count} token(s) are not in the model's vocabulary; the model reads each as `<unk>`. "
            "They are marked in the figures in red:"
        ),
        "source_tokens_label": "Source tokens as the model reads them",
        "beam_caption": (
            "Beam search with k = {k}. The figures below follow the best finished hypothesis."
        ),
        "hypotheses_label": "All hypotheses of the search",
        "forced_caption": (
            "Forced decoding: at each step the reference token is fed in, whatever the model "
            "preferred. In the next-token chart the fed token is orange; compare it with the "
            "model's top choice."
        ),
        "download_json": "Download the decoding record (JSON)",
        "download_csv": "Download the attention matrix (CSV)",
        "download_gif": "Download the steps as an animation (GIF)",
        "img_format_label": "Figure downloads",
        "img_format_help": (
            "The camera button above each figure saves it in this format, named after the "
            "model, the figure and the step."
        ),
        "show_table": "Show the numbers as a table",
        # step view
        "heatmap_title": "Attention at every step",
        "heatmap_caption": (
            "Each row is a decoder step (the token it produced); each column a source token. A "
            "cell is the weight α that step gives that token; each row sums to 1. The outlined row "
            "is the selected step. Source tokens that are not in the vocabulary are red."
        ),
        "none_title": "The context vector at every step",
        "none_caption": (
            "This model has no attention: it gets one fixed summary $c$ of the whole sentence (the "
            "encoder's final states) at every step. All rows are the same vector."
        ),
        "step_label": "Decoder step",
        "step_help": "Move through the decoder steps. Only the figures below are redrawn.",
        "step_tokens": "Step {t} of {n}: fed in “{given}”, produced “{chosen}”",
        "timeline_title": "Which state is the query: before or after the RNN update?",
        "timeline_attention": "attend",
        "timeline_note_dot": (
            "Dot-product attention: the query is s<sub>t</sub>, the state after the RNN update."
        ),
        "timeline_note_bahdanau": (
            "Bahdanau attention: the query is s<sub>t−1</sub>, the state before the RNN update."
        ),
        "timeline_note_none": "No attention: the fixed summary c is used at every step.",
        "equations_title": "Step {t} in numbers",
        "panels_title": "Inside step {t}",
        # equations (captions)
        "eq_state_dot": "The RNN updates the state first; the new state $s_t$ is the query.",
        "eq_state_bahdanau": (
            "After attending, the RNN reads the context vector and updates the state."
        ),
        "eq_query_proj": "The query $s_{t-1}$ is projected into the attention space.",
        "eq_score_dot": (
            "The attention score (before the softmax) of the source token with the largest weight."
        ),
        "eq_score_bahdanau": (
            "The attention score (before the softmax) of the source token with the largest weight, "
            "computed by a small network."
        ),
        "eq_softmax": (
            "Softmax turns the scores into weights. The largest score m is subtracted first only "
            "so that exp() cannot overflow; the result is the same."
        ),
        "eq_context": (
            "The context vector is the weighted sum of the encoder states; its first component "
            "written out."
        ),
        "eq_context_none": (
            "Without attention the context vector is the same vector c at every step."
        ),
        "eq_output_dot": (
            "The context vector and the decoder state are combined into the output layer's input "
            "$\\tilde s_t$."
        ),
        "eq_output_bahdanau": (
            "The deep output combines the new state, the context vector and the input embedding "
            "into $\\tilde s_t$."
        ),
        "eq_probability": "The probability of the token produced at this step.",
        # panels: titles and captions
        "panel_query_dot": "The query $s_t$ (after the RNN update)",
        "panel_query_bahdanau": "The query $s_{t-1}$ (before the RNN update)",
        "panel_query_none": "The decoder state $s_t$ (nothing is queried)",
        "panel_query_caption": "One cell per hidden unit; red is negative, blue positive.",
        "panel_query_caption_none": (
            "This state is not used to look at the source: the model has no attention."
        ),
        "panel_keys": "The keys $h_i$: one encoder state per source token",
        "panel_keys_caption": (
            "The encoder's two directions are summed. The same vectors are also the values "
            "that the context is made of."
        ),
        "panel_query_proj": "$W_b s_{t-1}$: the query in the attention space",
        "panel_query_proj_caption": "Computed at every step, from the previous state.",
        "panel_keys_proj": "$W_c h_i$: the keys in the attention space",
        "panel_keys_proj_caption": "Computed once per sentence; the same at every step.",
        "panel_energies": "$\\tanh(W_b s_{t-1} + W_c h_i)$: the tanh layer's output",
        "panel_energies_caption": (
            "The projected query is added to every projected key and tanh squashes the sum to "
            "−1…1. A dot product with $v_a$ then turns each row into one score."
        ),
        "panel_scores": "The attention scores $e_i$ (before the softmax)",
        "panel_scores_caption_dot": (
            "$e_i = s_t^\\top h_i$: large when the query and the key point the same way, and when "
            "they are long."
        ),
        "panel_scores_caption_general": (
            "$e_i = s_t^\\top W_a h_i$: the key is multiplied by a learned matrix $W_a$, then "
            "dotted with the query."
        ),
        "panel_scores_caption_dot_scaled": (
            "$e_i = s_t^\\top h_i / \\sqrt{H}$: the dot product, divided by the square root of the "
            "hidden-state dimension $H$ so the softmax does not saturate (Vaswani et al., 2017)."
        ),
        "panel_scores_caption_bahdanau": "$e_i = v_a^\\top \\tanh(W_b s_{t-1} + W_c h_i)$.",
        "panel_weights": "The attention weights $\\alpha_i$ (softmax of the scores)",
        "panel_weights_caption": "Between 0 and 1, summing to 1 over the source tokens.",
        "panel_parts": (
            "The weighted values $\\alpha_i h_i$ and their sum, the context vector $a_t$"
        ),
        "panel_parts_caption": (
            "Each row is a value vector $h_i$ scaled by its weight; the last row, below the line, "
            "is their sum."
        ),
        "panel_output_dot": "$[a_t; s_t] \\to \\tilde s_t = \\tanh(W_o [a_t; s_t])$",
        "panel_output_bahdanau": "$[s_t; a_t; \\mathrm{emb}(y_{t-1})] \\to \\tilde s_t$",
        "panel_output_none": "$[c; s_t] \\to \\tilde s_t = \\tanh(W_o [c; s_t])$",
        "panel_output_caption": "The last row, $\\tilde s_t$, is what the output layer reads.",
        "panel_output_caption_bahdanau": (
            "The last row, $\\tilde s_t$, is what the output layer reads. The input embedding "
            "$\\mathrm{emb}(y_{t-1})$ also goes into $\\tilde s_t$ but is not shown."
        ),
        "panel_topk": "The most probable next tokens",
        "panel_topk_caption": (
            "$p = \\mathrm{softmax}(W_y \\tilde s_t + b_y)$, ten best; the produced token is "
            "orange."
        ),
        # figure axes and hover
        "axis_source": "source token",
        "axis_output": "produced token",
        "axis_hidden_unit": "hidden unit",
        "axis_attention_unit": "attention unit",
        "axis_next_token": "next token",
        "axis_probability": "probability",
        "colorbar_weight": "weight α",
        "colorbar_value": "value",
        "colorbar_score": "score e",
        "hover_step": "step",
        "hover_source": "source token",
        "hover_row": "row",
        "hover_value": "value",
        "hover_probability": "probability",
        # table columns
        "col_position": "position",
        "col_token": "token",
        "col_known": "in vocabulary",
        "col_unit": "unit",
        "col_step": "step",
        "col_output_token": "produced token",
        "col_score": "score",
        "col_beam_score": "ranking score",
        "col_weight": "weight",
        "col_probability": "probability",
        "col_emitted": "produced",
        "col_rank": "rank",
        "col_output": "output",
        "col_status": "status",
        "col_log_prob": "log-probability",
        "col_model": "model",
        "col_parameters": "parameters",
        "col_metrics": "evaluation",
        "col_train_seconds": "training time (s)",
        "col_command": "training command",
        "yes": "yes",
        "no": "no",
        "status_finished": "finished",
        "status_pruned": "pruned",
        "status_cut": "cut at the length limit",
        "status_other": "other",
        "model_status_ok": "available",
        "model_status_missing": "not trained yet",
        "model_status_broken": "fails to load",
        # about page
        "about_title": "About the models",
        "about_intro": (
            "Every model has the same kind of encoder, trained separately for each model: a "
            "bidirectional GRU whose two directions are summed, so each encoder state $h_i$ has "
            "the same dimension as the decoder state. The keys and the values are both $h_i$. The "
            "models differ in how the decoder looks back at the source."
        ),
        "about_models_title": "Three ways to look back",
        "about_models": (
            "- **Dot-product attention** (Luong et al., 2015): the GRU updates the state first; "
            "the new state $s_t$ is the query, the score is $s_t^\\top h_i$, and the output layer "
            "reads $\\tilde s_t = \\tanh(W_o[a_t; s_t])$, which is also fed to the next step "
            "(input feeding). The English→French dot-product model divides the score by "
            "$\\sqrt{H}$ ($H = 256$): unscaled, its scores ran from −86 to +118 on a 14-word "
            "sentence, the weights were one-hot and the model learned no reordering (see "
            "checkpoints/README.md).\n"
            "- **Bahdanau attention** (Bahdanau et al., 2015): the previous state $s_{t-1}$ is the "
            "query, the score is $v_a^\\top \\tanh(W_b s_{t-1} + W_c h_i)$, and the context vector "
            "goes into the GRU update.\n"
            "- **No attention** (baseline): the decoder gets one fixed vector $c$, the encoder's "
            "final states, at every step: the whole sentence squeezed into one vector."
        ),
        "about_reading_title": "How to read the figures",
        "about_reading": (
            "Weights and probabilities use one fixed colour scale from 0 to 1 (Viridis). "
            "Signed values use a red–blue scale centred on 0 whose range stays the same for "
            "the whole sentence, so steps can be compared. Hover any cell for its exact value; "
            "each figure has a table with the same numbers. Steps and positions count from 1."
        ),
        "about_checkpoints_title": "Checkpoints found",
        "about_credits_title": "Data and credits",
        "about_credits": (
            "- English–French pairs from the [Tatoeba Project](https://tatoeba.org), as "
            "packaged by [manythings.org/anki](https://www.manythings.org/anki/), licensed "
            "[CC-BY 2.0 FR](https://creativecommons.org/licenses/by/2.0/fr/).\n"
            "- Dates generated with [Babel](https://babel.pocoo.org/) (Unicode CLDR data).\n"
            "- M.-T. Luong, H. Pham, C. D. Manning, *Effective Approaches to Attention-based "
            "Neural Machine Translation*, EMNLP 2015.\n"
            "- D. Bahdanau, K. Cho, Y. Bengio, *Neural Machine Translation by Jointly Learning "
            "to Align and Translate*, ICLR 2015."
        ),
    },
    "ko": {
        "app_title": "Seq2seq 어텐션 탐색기",
        "page_explorer": "탐색기",
        "page_about": "모델 소개",
        "explorer_title": "Seq2seq 어텐션 탐색기",
        "explorer_intro": (
            "문장을 입력하면 학습된 RNN 인코더–디코더가 그 문장을 번역하는 과정을 디코더의 "
            "시점마다 볼 수 있습니다. 쿼리, 어텐션 스코어, 어텐션 가중치, 컨텍스트 벡터, 다음 "
            "단어의 확률까지 모두 모델의 실제 값입니다."
        ),
        "task_label": "작업",
        "task_dates": "날짜 → ISO 8601",
        "task_fra-eng": "영어 → 프랑스어",
        "task_other": "작업 {task}",
        "model_label": "모델",
        "model_help": (
            "닷-프로덕트 어텐션(Luong 외, 2015)은 RNN을 갱신한 뒤의 상태 $s_t$를, 바다나우 "
            "어텐션(Bahdanau 외, 2015)은 갱신하기 전의 상태 $s_{t-1}$을 쿼리로 씁니다. 기준 "
            "모델에는 어텐션이 없습니다."
        ),
        "kind_dot": "닷-프로덕트 어텐션 (루옹)",
        "kind_bahdanau": "바다나우 어텐션",
        "kind_none": "어텐션 없음 (기준 모델)",
        "kind_general": "일반형 어텐션 (루옹)",
        "kind_other": "어텐션: {kind}",
        "unavailable_missing": "아직 학습되지 않음",
        "unavailable_broken": "사용할 수 없음",
        "metric_exact_match": "검증 완전 일치율: {value:.1f}%",
        "metric_bleu": "검증 BLEU: {value:.1f}",
        "metric_chrf": "검증 chrF: {value:.1f}",
        "metric_test_exact_match": "테스트 완전 일치율: {value:.1f}%",
        "metric_test_bleu": "테스트 BLEU: {value:.1f}",
        "metric_test_chrf": "테스트 chrF: {value:.1f}",
        "metric_test_note": (
            "학습에 쓰지 않은 테스트 문장 {n:,}개 기준 (python -m attention_core evaluate)"
        ),
        "credit_tatoeba": (
            "영어–프랑스어 문장 쌍: [Tatoeba](https://tatoeba.org) 자료를 "
            "[manythings.org/anki](https://www.manythings.org/anki/)에서 정리한 것으로, "
            "[CC-BY 2.0 FR](https://creativecommons.org/licenses/by/2.0/fr/) 라이선스를 "
            "따릅니다."
        ),
        "credit_app": "모델: 이 앱을 위해 CPU에서 학습한 RNN 인코더–디코더입니다.",
        "no_models": (
            "checkpoints 폴더에 학습된 모델이 아직 없습니다. `python -m attention_core train`"
            "으로 모델을 학습한 뒤(README 참고) 이 페이지를 새로 고치세요."
        ),
        "model_missing": (
            "**{name}** 모델은 아직 학습되지 않아 체크포인트가 없습니다. 사이드바에서 다른 "
            "모델을 고르세요."
        ),
        "model_broken": "**{name}** 모델을 불러오지 못해 사용할 수 없습니다. 로더가 보고한 내용:",
        "model_try_other": "이 작업의 다른 모델은 정상적으로 작동합니다. 사이드바에서 고르세요.",
        "sentence_label": "번역할 문장",
        "sentence_help_text": (
            "60단어 이하의 영어 문장을 입력하세요. 소문자로 바꾼 뒤 단어 단위로 나눕니다."
        ),
        "sentence_help_dates": (
            "영어, 프랑스어, 독일어, 한국어, 스페인어로 흔히 쓰는 형식의 날짜를 "
            "입력하세요(1000–2999년, 네 자리 연도). 모델은 한 글자씩 읽습니다."
        ),
        "examples_label": "또는 예문을 골라 보세요:",
        "mode_label": "디코딩 방식",
        "mode_help": (
            "그리디 디코딩은 시점마다 확률이 가장 높은 토큰을 고릅니다. 빔 탐색은 확률이 가장 높은 "
            "부분 번역 k개를 유지합니다. 강제 디코딩은 참조 번역을 시점마다 한 토큰씩 모델에 "
            "넣어(교사 강요), 모델이 스스로는 고르지 않았을 단어에서 원문의 어디를 보는지 보여 "
            "줍니다."
        ),
        "mode_greedy": "그리디",
        "mode_beam": "빔 탐색",
        "mode_forced": "강제 디코딩 (참조 번역)",
        "beam_label": "빔 너비 k",
        "beam_help": (
            "탐색이 시점마다 유지하는 부분 번역의 수입니다(1이면 그리디 디코딩과 같습니다)."
        ),
        "reference_label": "참조 번역",
        "reference_help": "모델이 고른 토큰 대신 시점마다 하나씩 디코더에 넣는 토큰입니다.",
        "err_empty": "입력이 비어 있습니다. 문장을 입력하세요.",
        "err_too_long": (
            "입력이 {length:,}자입니다. 최대 {limit:,}자까지 입력할 수 있으니 줄여 주세요."
        ),
        "err_too_many_tokens": (
            "입력이 토큰 {length}개입니다. 이 모델은 최대 {limit}개까지 읽을 수 있으니 줄여 주세요."
        ),
        "err_target_too_long": (
            "강제 디코딩에 넣은 번역이 토큰 {length}개입니다. 이 모델은 최대 {limit}개까지 쓸 수 "
            "있으니 줄여 주세요."
        ),
        "err_not_text": "입력은 텍스트여야 합니다.",
        "err_bad_beam": "빔 너비는 1에서 {limit} 사이여야 합니다.",
        "err_empty_reference": "강제 디코딩에는 참조 번역이 필요합니다. 참조 번역을 입력하세요.",
        "err_bad_override": (
            "대체 가중치는 원문 토큰마다 하나씩 0 이상의 숫자로 입력해야 하며, 모두 0이어서는 안 "
            "됩니다."
        ),
        "err_bad_mode": "알 수 없는 디코딩 방식입니다.",
        "err_input_other": "이 입력은 디코딩할 수 없습니다.",
        "err_unexpected": (
            "이 문장을 디코딩하는 중에 문제가 생겼습니다. 다른 문장이나 모델로 다시 시도해 보세요."
        ),
        "warn_no_content": (
            "입력에 글자나 숫자가 없어(문장 부호, 기호, 이모지뿐) 번역할 내용이 없습니다. "
            "문장을 입력하세요."
        ),
        "warn_markup": (
            "입력이 HTML처럼 보이지만 문제없습니다. 코드로 실행하지 않고, 입력한 글자 그대로 읽고 "
            "보여 줍니다."
        ),
        "warn_mostly_unknown": (
            "입력의 대부분이 모델의 어휘에 없는 토큰입니다(어휘에 없는 토큰은 `<unk>`로 읽습니다). "
            "그래서 출력에는 큰 의미가 없습니다."
        ),
        "translation_label": "번역 결과",
        "oov_caption": (
            "토큰 {count}개가 모델의 어휘에 없어 각각 `<unk>`로 읽힙니다. 그림에는 빨간색으로 "
            "표시됩니다:"
        ),
        "source_tokens_label": "모델이 읽은 원문 토큰",
        "beam_caption": (
            "빔 너비 k = {k}인 빔 탐색입니다. 아래 그림은 가장 좋은 완성 가설을 따릅니다."
        ),
        "hypotheses_label": "탐색한 모든 가설",
        "forced_caption": (
            "강제 디코딩: 모델이 어떤 토큰을 선호하든 시점마다 참조 토큰을 넣습니다. 다음 토큰 "
            "그래프에서 넣은 토큰은 주황색입니다. 모델이 가장 높게 본 토큰과 비교해 보세요."
        ),
        "download_json": "디코딩 기록 내려받기 (JSON)",
        "download_csv": "어텐션 행렬 내려받기 (CSV)",
        "download_gif": "시점별 애니메이션 내려받기 (GIF)",
        "img_format_label": "그림 내려받기 형식",
        "img_format_help": (
            "각 그림 위의 카메라 버튼을 누르면 이 형식으로 그림이 저장됩니다. 파일 이름에는 모델, "
            "그림, 시점이 들어갑니다."
        ),
        "show_table": "숫자를 표로 보기",
        "heatmap_title": "시점별 어텐션",
        "heatmap_caption": (
            "행은 디코더 시점(그 시점에 출력한 토큰), 열은 원문 토큰입니다. 각 칸은 그 시점이 그 "
            "원문 토큰에 준 가중치 α이며, 행마다 합이 1입니다. 테두리가 있는 행이 선택한 "
            "시점입니다. 어휘에 없는 원문 토큰은 빨간색입니다."
        ),
        "none_title": "시점별 컨텍스트 벡터",
        "none_caption": (
            "이 모델에는 어텐션이 없습니다. 디코더는 모든 시점에서 문장 전체를 요약한 고정 벡터 "
            "$c$(인코더의 마지막 상태)를 받습니다. 그래서 모든 행이 같은 벡터입니다."
        ),
        "step_label": "디코더 시점",
        "step_help": "디코더 시점을 옮겨 보세요. 아래 그림만 다시 그려집니다.",
        "step_tokens": "전체 {n}개 시점 중 {t}번째: 입력 “{given}”, 출력 “{chosen}”",
        "timeline_title": "쿼리로 쓰는 상태는 RNN 갱신 전일까요, 후일까요?",
        "timeline_attention": "어텐션",
        "timeline_note_dot": "닷-프로덕트 어텐션: 쿼리는 RNN 갱신 후의 상태 s<sub>t</sub>입니다.",
        "timeline_note_bahdanau": (
            "바다나우 어텐션: 쿼리는 RNN 갱신 전의 상태 s<sub>t−1</sub>입니다."
        ),
        "timeline_note_none": "어텐션 없음: 모든 시점에서 고정된 요약 c를 씁니다.",
        "equations_title": "{t}번째 시점의 실제 값",
        "panels_title": "{t}번째 시점 들여다보기",
        "eq_state_dot": "RNN이 먼저 상태를 갱신하고, 새 상태 $s_t$가 쿼리가 됩니다.",
        "eq_state_bahdanau": "어텐션을 계산한 뒤 RNN이 컨텍스트 벡터를 읽고 상태를 갱신합니다.",
        "eq_query_proj": "쿼리 $s_{t-1}$을 어텐션 공간으로 사영합니다.",
        "eq_score_dot": "가중치가 가장 큰 원문 토큰의 어텐션 스코어(소프트맥스 적용 전)입니다.",
        "eq_score_bahdanau": (
            "가중치가 가장 큰 원문 토큰의 어텐션 스코어(소프트맥스 적용 전)입니다. 작은 신경망으로 "
            "계산합니다."
        ),
        "eq_softmax": (
            "소프트맥스가 스코어를 가중치로 바꿉니다. 가장 큰 스코어 m을 먼저 빼는 것은 exp()가 "
            "넘치지(오버플로) 않게 하려는 것일 뿐, 결과는 같습니다."
        ),
        "eq_context": (
            "컨텍스트 벡터는 인코더 은닉 상태의 가중합입니다. 그 첫 번째 성분을 풀어 썼습니다."
        ),
        "eq_context_none": "어텐션이 없으면 컨텍스트 벡터는 모든 시점에서 같은 벡터 c입니다.",
        "eq_output_dot": (
            "컨텍스트 벡터와 디코더 상태를 결합해 출력층의 입력 $\\tilde s_t$를 만듭니다."
        ),
        "eq_output_bahdanau": (
            "심층 출력(deep output)은 새 상태, 컨텍스트 벡터, 입력 임베딩을 합쳐 $\\tilde s_t$를 "
            "만듭니다."
        ),
        "eq_probability": "이 시점에 출력한 토큰의 확률입니다.",
        "panel_query_dot": "쿼리 $s_t$ (RNN 갱신 후)",
        "panel_query_bahdanau": "쿼리 $s_{t-1}$ (RNN 갱신 전)",
        "panel_query_none": "디코더 상태 $s_t$ (쿼리로 쓰지 않음)",
        "panel_query_caption": "은닉 유닛마다 한 칸이며, 빨간색은 음수, 파란색은 양수입니다.",
        "panel_query_caption_none": "어텐션이 없으므로 이 상태로 원문을 살펴보지 않습니다.",
        "panel_keys": "키 $h_i$: 원문 토큰마다 하나씩 있는 인코더 은닉 상태",
        "panel_keys_caption": (
            "인코더의 두 방향을 더한 값입니다. 같은 벡터가 컨텍스트 벡터를 이루는 값(value)으로도 "
            "쓰입니다."
        ),
        "panel_query_proj": "$W_b s_{t-1}$: 어텐션 공간의 쿼리",
        "panel_query_proj_caption": "시점마다 이전 상태로부터 계산합니다.",
        "panel_keys_proj": "$W_c h_i$: 어텐션 공간의 키",
        "panel_keys_proj_caption": "문장마다 한 번 계산하며, 모든 시점에서 같습니다.",
        "panel_energies": "$\\tanh(W_b s_{t-1} + W_c h_i)$: tanh 층의 출력",
        "panel_energies_caption": (
            "사영된 쿼리를 사영된 키마다 더하고, tanh로 −1과 1 사이의 값으로 만듭니다. 이어서 "
            "$v_a$와 내적하면 행마다 스코어가 하나씩 나옵니다."
        ),
        "panel_scores": "어텐션 스코어 $e_i$ (소프트맥스 전)",
        "panel_scores_caption_dot": (
            "$e_i = s_t^\\top h_i$: 쿼리와 키의 방향이 비슷할수록, 그리고 두 벡터가 길수록 "
            "커집니다."
        ),
        "panel_scores_caption_general": (
            "$e_i = s_t^\\top W_a h_i$: 키에 학습되는 행렬 $W_a$를 곱한 뒤 쿼리와 내적합니다."
        ),
        "panel_scores_caption_dot_scaled": (
            "$e_i = s_t^\\top h_i / \\sqrt{H}$: 내적을 은닉 상태의 차원 $H$의 제곱근으로 나눈 "
            "값입니다. 이렇게 나누면 소프트맥스가 한쪽으로 포화되지 않습니다(Vaswani 외, 2017)."
        ),
        "panel_scores_caption_bahdanau": "$e_i = v_a^\\top \\tanh(W_b s_{t-1} + W_c h_i)$.",
        "panel_weights": "어텐션 가중치 $\\alpha_i$ (스코어의 소프트맥스)",
        "panel_weights_caption": "0과 1 사이의 값이며, 원문 토큰 전체에 대해 합이 1입니다.",
        "panel_parts": "가중치를 곱한 값 $\\alpha_i h_i$와 그 합인 컨텍스트 벡터 $a_t$",
        "panel_parts_caption": (
            "각 행은 가중치를 곱한 값(value) 벡터 $\\alpha_i h_i$이고, 선 아래 마지막 행이 그 "
            "합입니다."
        ),
        "panel_output_dot": "$[a_t; s_t] \\to \\tilde s_t = \\tanh(W_o [a_t; s_t])$",
        "panel_output_bahdanau": "$[s_t; a_t; \\mathrm{emb}(y_{t-1})] \\to \\tilde s_t$",
        "panel_output_none": "$[c; s_t] \\to \\tilde s_t = \\tanh(W_o [c; s_t])$",
        "panel_output_caption": "마지막 행 $\\tilde s_t$가 출력층이 읽는 값입니다.",
        "panel_output_caption_bahdanau": (
            "마지막 행 $\\tilde s_t$가 출력층이 읽는 값입니다. $\\tilde s_t$를 만들 때는 입력 "
            "임베딩 $\\mathrm{emb}(y_{t-1})$도 쓰지만, 여기에는 나타내지 않았습니다."
        ),
        "panel_topk": "확률이 가장 높은 다음 토큰",
        "panel_topk_caption": (
            "$p = \\mathrm{softmax}(W_y \\tilde s_t + b_y)$의 상위 10개이며, 출력한 토큰은 "
            "주황색입니다."
        ),
        "axis_source": "원문 토큰",
        "axis_output": "출력 토큰",
        "axis_hidden_unit": "은닉 유닛",
        "axis_attention_unit": "어텐션 유닛",
        "axis_next_token": "다음 토큰",
        "axis_probability": "확률",
        "colorbar_weight": "가중치 α",
        "colorbar_value": "값",
        "colorbar_score": "스코어 e",
        "hover_step": "시점",
        "hover_source": "원문 토큰",
        "hover_row": "행",
        "hover_value": "값",
        "hover_probability": "확률",
        "col_position": "위치",
        "col_token": "토큰",
        "col_known": "어휘에 있음",
        "col_unit": "유닛",
        "col_step": "시점",
        "col_output_token": "출력 토큰",
        "col_score": "스코어",
        "col_beam_score": "순위 점수",
        "col_weight": "가중치",
        "col_probability": "확률",
        "col_emitted": "출력됨",
        "col_rank": "순위",
        "col_output": "출력",
        "col_status": "상태",
        "col_log_prob": "로그 확률",
        "col_model": "모델",
        "col_parameters": "파라미터 수",
        "col_metrics": "평가 결과",
        "col_train_seconds": "학습 시간(초)",
        "col_command": "학습 명령",
        "yes": "예",
        "no": "아니요",
        "status_finished": "완성",
        "status_pruned": "가지치기됨",
        "status_cut": "길이 제한에서 중단",
        "status_other": "기타",
        "model_status_ok": "사용 가능",
        "model_status_missing": "아직 학습되지 않음",
        "model_status_broken": "불러오기 실패",
        "about_title": "모델 소개",
        "about_intro": (
            "모든 모델의 인코더는 같은 구조의 양방향 GRU이며, 모델마다 따로 학습했습니다. 두 "
            "방향의 은닉 상태를 더해 쓰므로 각 인코더 상태 $h_i$의 차원은 디코더 상태의 차원과 "
            "같습니다. 키와 값은 모두 $h_i$입니다. 모델마다 다른 것은 디코더가 원문을 돌아보는 "
            "방식입니다."
        ),
        "about_models_title": "원문을 돌아보는 세 가지 방법",
        "about_models": (
            "- **닷-프로덕트 어텐션** (Luong 외, 2015): GRU가 먼저 상태를 갱신하고, 새 상태 "
            "$s_t$가 쿼리입니다. 스코어는 $s_t^\\top h_i$이며, 출력층은 $\\tilde s_t = "
            "\\tanh(W_o[a_t; s_t])$를 읽고 이 값을 다음 시점의 입력에도 넣습니다(입력 피딩). "
            "영어→프랑스어 닷-프로덕트 모델은 스코어를 $\\sqrt{H}$($H = 256$)로 나눕니다. 나누지 "
            "않았을 때는 14단어 문장에서 스코어가 −86에서 +118까지 퍼져 가중치가 원-핫이 되었고, "
            "모델은 어순을 바꾸는 법을 배우지 못했습니다(checkpoints/README.md 참고).\n"
            "- **바다나우 어텐션** (Bahdanau 외, 2015): 이전 상태 $s_{t-1}$이 쿼리이고, 스코어는 "
            "$v_a^\\top \\tanh(W_b s_{t-1} + W_c h_i)$이며, 컨텍스트 벡터는 GRU 갱신에 "
            "들어갑니다.\n"
            "- **어텐션 없음** (기준 모델): 디코더는 모든 시점에서 인코더의 마지막 상태로 만든 "
            "고정 벡터 $c$ 하나만 받습니다. 문장 전체가 벡터 하나에 담기는 셈입니다."
        ),
        "about_reading_title": "그림 읽는 법",
        "about_reading": (
            "가중치와 확률은 0부터 1까지 고정된 색 척도(Viridis) 하나로 나타냅니다. 부호가 있는 "
            "값은 0을 가운데로 하는 빨강–파랑 척도로 나타내며, 그 범위가 문장 전체에서 같으므로 "
            "시점끼리 비교할 수 있습니다. 칸 위에 마우스를 올리면 정확한 값이 보이고, 그림마다 "
            "같은 숫자를 담은 표가 있습니다. 시점과 위치는 1부터 셉니다."
        ),
        "about_checkpoints_title": "찾은 체크포인트",
        "about_credits_title": "데이터와 출처",
        "about_credits": (
            "- 영어–프랑스어 문장 쌍: [Tatoeba 프로젝트](https://tatoeba.org) 자료를 "
            "[manythings.org/anki](https://www.manythings.org/anki/)에서 정리한 것이며, [CC-BY 2.0 "
            "FR](https://creativecommons.org/licenses/by/2.0/fr/) 라이선스를 따릅니다.\n"
            "- 날짜: [Babel](https://babel.pocoo.org/)(유니코드 CLDR 데이터)로 생성했습니다.\n"
            "- M.-T. Luong, H. Pham, C. D. Manning, *Effective Approaches to Attention-based "
            "Neural Machine Translation*, EMNLP 2015.\n"
            "- D. Bahdanau, K. Cho, Y. Bengio, *Neural Machine Translation by Jointly Learning to "
            "Align and Translate*, ICLR 2015."
        ),
    },
}


def _merge_page_tables() -> None:
    """Add the per-page tables (explorer/texts/*.py); a key defined twice is a bug."""
    from explorer.texts import tables

    for name, en, ko in tables():
        for lang, table in (("en", en), ("ko", ko)):
            clash = set(table) & set(STRINGS[lang])
            if clash:
                raise KeyError(f"explorer/texts/{name}.py redefines {sorted(clash)}")
            STRINGS[lang].update(table)


_merge_page_tables()
LANGUAGES = tuple(STRINGS)

# InputError codes (attention_core/tasks.py, decoding.py) -> message keys; params fill them.
ERROR_KEYS = {
    "empty": "err_empty",
    "too_long": "err_too_long",
    "too_many_tokens": "err_too_many_tokens",
    "not_text": "err_not_text",
    "bad_beam": "err_bad_beam",
    "empty_reference": "err_empty_reference",
    "bad_override": "err_bad_override",
    "bad_mode": "err_bad_mode",
    "target_too_long": "err_target_too_long",
}
TASK_KEYS = {"dates": "task_dates", "fra-eng": "task_fra-eng"}
KIND_KEYS = {
    "dot": "kind_dot",
    "bahdanau": "kind_bahdanau",
    "none": "kind_none",
    "general": "kind_general",
}
MODE_KEYS = {"greedy": "mode_greedy", "beam": "mode_beam", "forced": "mode_forced"}
METRIC_KEYS = {"exact_match": "metric_exact_match", "bleu": "metric_bleu", "chrf": "metric_chrf"}
TEST_METRIC_KEYS = {
    "exact_match": "metric_test_exact_match",
    "bleu": "metric_test_bleu",
    "chrf": "metric_test_chrf",
}
HYPOTHESIS_KEYS = {"finished": "status_finished", "pruned": "status_pruned", "cut": "status_cut"}
MODEL_STATUS_KEYS = {
    "ok": "model_status_ok",
    "missing": "model_status_missing",
    "broken": "model_status_broken",
}
# figure panel -> attention kind -> key ("dot" is the fallback for other kinds)
PANEL_TITLE_KEYS = {
    "query": {
        "dot": "panel_query_dot",
        "bahdanau": "panel_query_bahdanau",
        "none": "panel_query_none",
    },
    "keys": {"dot": "panel_keys"},
    "query_proj": {"dot": "panel_query_proj"},
    "keys_proj": {"dot": "panel_keys_proj"},
    "energies": {"dot": "panel_energies"},
    "scores": {"dot": "panel_scores"},
    "weights": {"dot": "panel_weights"},
    "parts": {"dot": "panel_parts"},
    "context": {"dot": "none_title"},
    "output": {
        "dot": "panel_output_dot",
        "bahdanau": "panel_output_bahdanau",
        "none": "panel_output_none",
    },
    "topk": {"dot": "panel_topk"},
}
PANEL_CAPTION_KEYS = {
    "query": {"dot": "panel_query_caption", "none": "panel_query_caption_none"},
    "keys": {"dot": "panel_keys_caption"},
    "query_proj": {"dot": "panel_query_proj_caption"},
    "keys_proj": {"dot": "panel_keys_proj_caption"},
    "energies": {"dot": "panel_energies_caption"},
    "scores": {
        "dot": "panel_scores_caption_dot",
        "general": "panel_scores_caption_general",
        "bahdanau": "panel_scores_caption_bahdanau",
    },
    "weights": {"dot": "panel_weights_caption"},
    "parts": {"dot": "panel_parts_caption"},
    "context": {"dot": "none_caption"},
    "output": {"dot": "panel_output_caption", "bahdanau": "panel_output_caption_bahdanau"},
    "topk": {"dot": "panel_topk_caption"},
}
KEY_MAPS = (
    ERROR_KEYS,
    TASK_KEYS,
    KIND_KEYS,
    MODE_KEYS,
    METRIC_KEYS,
    TEST_METRIC_KEYS,
    HYPOTHESIS_KEYS,
    MODEL_STATUS_KEYS,
    *PANEL_TITLE_KEYS.values(),
    *PANEL_CAPTION_KEYS.values(),
)


def tr(key: str, lang: str, **fmt) -> str:
    """The string ``key`` in ``lang`` (English if missing), formatted with ``fmt`` if given."""
    text = STRINGS.get(lang, STRINGS["en"]).get(key) or STRINGS["en"].get(key) or key
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):
        return text


def error_message(exc, lang: str) -> str:
    """A translated message for an ``InputError``, filled with its params (limit, length)."""
    key = ERROR_KEYS.get(getattr(exc, "code", ""), "err_input_other")
    params = getattr(exc, "params", None) or {}
    return tr(key, lang, **params) if params else tr(key, lang)
