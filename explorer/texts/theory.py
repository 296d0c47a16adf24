"""Strings of the theory page (pages/theory.py, explorer/theory.py): the course notes in our own
words. Markdown with KaTeX; no string here is formatted with values, except the section links."""

EN = {
    "page_theory": "Theory",
    "theory_title": "Why attention, and how it works",
    "theory_intro": (
        "The ideas behind this app, step by step: what goes wrong without attention, the "
        "query–key–value picture, and the two scoring rules the models use. Each section ends "
        "with a link to the view that shows it live, with a trained model's numbers."
    ),
    "theory_live": "See it live:",
    # 1. the bottleneck
    "theory_bottleneck_title": "1. The bottleneck: one vector for a whole sentence",
    "theory_bottleneck_intro": (
        "An RNN encoder–decoder reads the source sentence one token at a time and keeps a "
        "hidden state. Without attention the decoder receives only what the encoder ends up "
        "with: a single vector $c$ of fixed size (256 numbers in the English→French models "
        "here), the same for a three-word sentence and a thirty-word one. In this app's "
        "baseline, $c$ is the sum of the forward RNN's last state and the backward RNN's first "
        "state, and every decoder step reads that same $c$:"
    ),
    "theory_bottleneck_problems": (
        "Two things go wrong.\n\n"
        "- **Information is lost.** A long sentence holds more than a short one, but the "
        "vector does not grow. Details from early in the sentence get overwritten by what "
        "came later, and the decoder has no way to go back and check.\n"
        "- **Gradients vanish.** In training, the error made at output word $t$ must travel "
        "back through every recurrent step to reach the source word that caused it. Each step "
        "multiplies the gradient by a Jacobian, and a product of many factors smaller than one "
        "shrinks towards zero, so links between distant words are learned slowly, if at all. "
        "Gated cells (LSTM, GRU) soften this but do not remove it."
    ),
    "theory_bottleneck_answer": (
        "Attention answers both at once. At every step the decoder looks back at **all** the "
        "encoder states $h_1, \\dots, h_N$, so nothing has to be squeezed into one vector, and "
        "every $h_i$ is a single step away from the output: a short path for the gradient."
    ),
    "theory_link_why": "Why attention: BLEU by sentence length, and a long sentence",
    "theory_link_explorer_none": "Explorer: pick the baseline (every row is the same vector)",
    # 2. query, keys, values
    "theory_qkv_title": "2. Query, keys and values",
    "theory_qkv_intro": (
        "Think of a dictionary: you hand it a key, it finds the entry with exactly that key "
        "and returns its value. Attention is a soft dictionary. The **query** is compared with "
        "**every key**, each comparison gives a **score**, the softmax turns the scores into "
        "**weights** that are positive and add up to 1, and the answer is the weighted sum of "
        "**all the values**: mostly the values whose keys match best, a little of the rest. "
        "Because every part is differentiable, the model learns by itself what to look for."
    ),
    "theory_qkv_models": (
        "In a sequence-to-sequence model the query is the decoder's state at the current step, "
        "the keys are the encoder states $h_1, \\dots, h_N$ (one per source token), and the "
        "values are those same encoder states: keys and values coincide. Luong's and "
        "Bahdanau's attention differ only in the score function and in which decoder state "
        "acts as the query."
    ),
    "theory_link_playground": "Playground: the same steps on a handful of numbers you edit",
    # 3. dot-product attention
    "theory_dot_title": "3. Dot-product attention (Luong), step by step",
    "theory_dot_intro": (
        "At step $t$ the dot-product model first updates its RNN, then asks its question "
        "with the **new** state $s_t$."
    ),
    "theory_dot_scores": (
        "**Scores.** One number per source token: the dot product of the decoder state with "
        "that token's encoder state. It is large when the two vectors point the same way. "
        "$e^t$ collects all $N$ scores."
    ),
    "theory_dot_distribution": (
        "**Attention distribution.** The softmax turns the scores into positive numbers that "
        "add up to 1: a probability distribution over the source tokens."
    ),
    "theory_dot_weights": (
        "**Attention weights.** Each entry $\\alpha^t_i$ says how much of source token $i$ "
        "goes into this step. The weights of all steps, row by row, are the attention matrix "
        "the explorer draws."
    ),
    "theory_dot_context": (
        "**Context vector** (the attention value). The encoder states mixed by the weights: a "
        "summary of the source made for this step only."
    ),
    "theory_dot_concat": (
        "**Concatenation and tanh.** The context is put next to the decoder state, so the "
        "output sees both what was read and where the decoder is; a learned matrix $W_c$ and a "
        "tanh mix them into the attentional state $\\tilde{s}_t$."
    ),
    "theory_dot_output": (
        "**Output.** A linear layer and a softmax give the probabilities of the next token. In "
        "the models here $\\tilde{s}_t$ is also fed into the next step's input (input feeding), "
        "so the decoder knows where it looked before."
    ),
    "theory_dot_scaled": (
        "**Why scale the dot product?** If the components of $s_t$ and $h_i$ are roughly "
        "independent with mean 0 and variance 1, their dot product has variance $H$, the state "
        "size. With $H = 256$ that is a standard deviation of 16: scores differ by dozens, the "
        "softmax puts nearly all the weight on one token from the very start of training, and "
        "its gradient is then almost zero, so the alignment can hardly be corrected. Dividing "
        "by $\\sqrt{H}$ brings the scores back to unit scale (Vaswani et al. 2017, section "
        "3.2.1): the same reason the Transformer scales its attention."
    ),
    "theory_dot_is_scaled": (
        "The dot-product model of this task is the **scaled** variant: its scores are divided "
        "by √H."
    ),
    "theory_dot_not_scaled": (
        "The dot-product model of this task is **not** scaled: its scores are plain dot products."
    ),
    "theory_link_explorer_dot": "Explorer: the dot-product model's scores, weights and context",
    "theory_link_playground_scaled": "Playground: sharp preset, then switch dot to scaled dot",
    # 4. Bahdanau
    "theory_bahdanau_title": "4. Additive attention (Bahdanau)",
    "theory_bahdanau_intro": (
        "Bahdanau et al. (2015) attend **before** the RNN update: the query is the previous "
        "state $s_{t-1}$, and what is read shapes the new state itself."
    ),
    "theory_bahdanau_score": (
        "**Additive score.** The query and each key are projected into a shared space ($W_b$ "
        "and $W_c$), added, squashed by tanh and read out by a vector $v_a$. A small "
        "feed-forward network judges the match instead of a dot product, so query and keys "
        "need not even have the same size. $W_c h_i$ is computed once per sentence."
    ),
    "theory_bahdanau_context": "**Distribution and context**, exactly as before.",
    "theory_bahdanau_state": (
        "**The context joins the input.** The context vector is concatenated with the "
        "embedding of the previous output token and fed into the RNN, which produces the new "
        "state $s_t$."
    ),
    "theory_bahdanau_output": (
        "**Output.** The output layer reads the new state, the context and the input "
        "embedding (the paper's deep output; the models here use tanh where the paper has a "
        "maxout layer)."
    ),
    "theory_bahdanau_versus": (
        "**Dot vs additive, in short.** Dot (Luong): the query is $s_t$ after the update, and "
        "the score has no parameters. Additive (Bahdanau): the query is $s_{t-1}$ before the "
        "update, the score has its own parameters $W_b$, $W_c$, $v_a$, and the context feeds "
        "the RNN rather than only the output layer."
    ),
    "theory_link_explorer_bahdanau": (
        "Explorer: pick the Bahdanau model to see the projected query and keys and the tanh "
        "energies"
    ),
    "theory_link_compare": "Compare: the dot-product and Bahdanau models on one sentence",
    # 5. watching the models
    "theory_watch_title": "5. Watching attention form",
    "theory_watch_intro": (
        "Nobody tells these models which source word matches which output word: the alignment "
        "is learned from translation pairs alone. Follow a fixed sentence's attention matrix "
        "from epoch to epoch as it goes from blurred to sharp, and set two models side by side "
        "to see where their alignments agree. Attention weights show where a model looked, not "
        "a full explanation of why it chose a word."
    ),
    "theory_link_training": "Training: a sentence's attention, epoch by epoch",
    "theory_link_compare_watch": "Compare: entropy, coverage and monotonicity of two models",
}

KO = {
    "page_theory": "이론",
    "theory_title": "왜 어텐션인가, 그리고 어떻게 동작하는가",
    "theory_intro": (
        "이 앱의 바탕이 되는 생각을 차례로 정리합니다. 어텐션이 없으면 무엇이 문제인지, "
        "쿼리·키·값으로 보는 관점, 그리고 모델들이 쓰는 두 가지 점수 규칙. 각 절의 끝에는 "
        "학습된 모델의 실제 숫자로 그 내용을 보여 주는 화면으로 가는 링크가 있습니다."
    ),
    "theory_live": "직접 보기:",
    "theory_bottleneck_title": "1. 병목: 문장 전체를 벡터 하나에",
    "theory_bottleneck_intro": (
        "RNN 인코더–디코더는 원문을 토큰 하나씩 읽으며 은닉 상태를 갱신합니다. 어텐션이 "
        "없으면 디코더가 받는 것은 인코더가 마지막에 남긴 것뿐입니다. 크기가 고정된 벡터 "
        "$c$ 하나(여기 영어→프랑스어 모델에서는 숫자 256개)가 세 단어짜리 문장에도, 서른 "
        "단어짜리 문장에도 똑같이 주어집니다. 이 앱의 기준 모델에서 $c$는 정방향 RNN의 마지막 "
        "상태와 역방향 RNN의 첫 상태를 더한 것이고, 디코더는 모든 단계에서 같은 $c$를 "
        "읽습니다."
    ),
    "theory_bottleneck_problems": (
        "여기서 두 가지 문제가 생깁니다.\n\n"
        "- **정보 손실.** 긴 문장에는 짧은 문장보다 담을 것이 많지만 벡터의 크기는 그대로입니다. "
        "문장 앞부분의 세부 정보는 뒤에 온 내용에 덮여 쓰이고, 디코더는 돌아가 확인할 방법이 "
        "없습니다.\n"
        "- **기울기 소실.** 학습할 때 출력 단어 $t$에서 생긴 오차는 원인이 된 원문 단어까지 "
        "모든 순환 단계를 거꾸로 거쳐야 합니다. 단계마다 기울기에 야코비 행렬이 곱해지고, "
        "1보다 작은 값을 여러 번 곱하면 0에 가까워지므로 멀리 떨어진 단어 사이의 관계는 "
        "아주 느리게 배우거나 아예 배우지 못합니다. LSTM, GRU 같은 게이트 구조가 이를 "
        "완화하지만 없애지는 못합니다."
    ),
    "theory_bottleneck_answer": (
        "어텐션은 두 문제를 한꺼번에 풉니다. 디코더는 매 단계 인코더 상태 "
        "$h_1, \\dots, h_N$ **전부**를 다시 보므로 벡터 하나에 모든 것을 밀어 넣을 필요가 "
        "없고, 모든 $h_i$가 출력에서 한 단계 거리에 있으므로 기울기가 지나갈 짧은 길이 "
        "생깁니다."
    ),
    "theory_link_why": "왜 어텐션인가: 문장 길이별 BLEU와 긴 문장 하나",
    "theory_link_explorer_none": "탐색기: 기준 모델을 골라 보세요 (모든 행이 같은 벡터)",
    "theory_qkv_title": "2. 쿼리, 키, 값",
    "theory_qkv_intro": (
        "파이썬 딕셔너리를 떠올려 봅시다. 키를 주면 정확히 그 키를 가진 항목을 찾아 값을 "
        "돌려줍니다. 어텐션은 부드러운 딕셔너리입니다. **쿼리**를 **모든 키**와 비교해 "
        "비교마다 **점수**를 얻고, 소프트맥스가 점수를 양수이며 합이 1인 **가중치**로 바꾸며, "
        "답은 **모든 값**의 가중합입니다. 가장 잘 맞는 키의 값이 대부분을 차지하고 나머지는 "
        "조금씩 섞입니다. 모든 과정이 미분 가능하므로 무엇을 찾아야 할지 모델이 스스로 "
        "배웁니다."
    ),
    "theory_qkv_models": (
        "시퀀스-투-시퀀스 모델에서 쿼리는 현재 단계의 디코더 상태, 키는 인코더 상태 "
        "$h_1, \\dots, h_N$(원문 토큰마다 하나), 값은 그 인코더 상태 그대로입니다. 즉 키와 "
        "값이 같습니다. 루옹과 바다나우의 어텐션은 점수 함수와, 어느 디코더 상태를 쿼리로 "
        "쓰는지만 다릅니다."
    ),
    "theory_link_playground": "놀이터: 같은 단계를 직접 고친 숫자 몇 개로",
    "theory_dot_title": "3. 내적 어텐션 (루옹), 한 단계씩",
    "theory_dot_intro": (
        "$t$ 단계에서 내적 모델은 먼저 RNN을 갱신하고, **새** 상태 $s_t$로 질문합니다."
    ),
    "theory_dot_scores": (
        "**어텐션 점수.** 원문 토큰마다 숫자 하나: 디코더 상태와 그 토큰의 인코더 상태의 "
        "내적입니다. 두 벡터가 같은 방향을 가리킬수록 커집니다. $e^t$는 $N$개의 점수를 모은 "
        "것입니다."
    ),
    "theory_dot_distribution": (
        "**어텐션 분포.** 소프트맥스가 점수를 양수이며 합이 1인 값으로 바꿉니다. 원문 토큰 "
        "위의 확률 분포입니다."
    ),
    "theory_dot_weights": (
        "**어텐션 가중치.** 분포의 각 값 $\\alpha^t_i$는 원문 토큰 $i$가 이번 단계에 얼마나 "
        "반영되는지를 말합니다. 모든 단계의 가중치를 한 행씩 쌓은 것이 탐색기가 그리는 "
        "어텐션 행렬입니다."
    ),
    "theory_dot_context": (
        "**문맥 벡터**(어텐션 값). 가중치로 섞은 인코더 상태들, 즉 이번 단계만을 위해 만든 "
        "원문의 요약입니다."
    ),
    "theory_dot_concat": (
        "**결합과 tanh.** 문맥 벡터를 디코더 상태 옆에 이어 붙여서, 출력이 무엇을 읽었는지와 "
        "디코더가 어디쯤 있는지를 함께 보게 합니다. 학습되는 행렬 $W_c$와 tanh가 둘을 섞어 "
        "어텐션 상태 $\\tilde{s}_t$를 만듭니다."
    ),
    "theory_dot_output": (
        "**출력.** 선형층과 소프트맥스가 다음 토큰의 확률을 냅니다. 이 앱의 모델에서는 "
        "$\\tilde{s}_t$가 다음 단계의 입력으로도 들어가서(입력 피딩), 디코더가 앞에서 어디를 "
        "보았는지 알 수 있습니다."
    ),
    "theory_dot_scaled": (
        "**내적을 왜 나누어 줄까?** $s_t$와 $h_i$의 성분이 평균 0, 분산 1이고 대략 서로 "
        "독립이라면, 두 벡터의 내적의 분산은 상태 크기 $H$입니다. $H = 256$이면 표준편차가 "
        "16이라 점수가 수십씩 차이 나고, 소프트맥스는 학습 첫머리부터 거의 모든 가중치를 "
        "토큰 하나에 몰아 줍니다. 그러면 기울기가 거의 0이 되어 정렬을 바로잡기 어렵습니다. "
        "$\\sqrt{H}$로 나누면 점수가 다시 1 정도의 크기로 돌아옵니다(Vaswani 외 2017, 3.2.1절). "
        "트랜스포머가 어텐션을 스케일하는 것도 같은 이유입니다."
    ),
    "theory_dot_is_scaled": (
        "이 작업의 내적 모델은 **스케일드** 변형입니다. 점수를 √H로 나눕니다."
    ),
    "theory_dot_not_scaled": (
        "이 작업의 내적 모델은 스케일하지 **않습니다**. 점수가 그냥 내적입니다."
    ),
    "theory_link_explorer_dot": "탐색기: 내적 모델의 점수, 가중치, 문맥 벡터",
    "theory_link_playground_scaled": "놀이터: 날카로운 분포에서 내적을 스케일드 내적으로",
    "theory_bahdanau_title": "4. 가산 어텐션 (바다나우)",
    "theory_bahdanau_intro": (
        "바다나우 외(2015)는 RNN을 갱신하기 **전에** 어텐션을 합니다. 쿼리는 이전 상태 "
        "$s_{t-1}$이고, 읽어 온 내용이 새 상태 자체를 만듭니다."
    ),
    "theory_bahdanau_score": (
        "**가산 점수.** 쿼리와 각 키를 공통 공간으로 사영하고($W_b$, $W_c$) 더한 뒤 tanh로 "
        "누르고 벡터 $v_a$로 읽어 냅니다. 내적 대신 작은 순방향 신경망이 일치 정도를 "
        "판단하므로 쿼리와 키의 크기가 달라도 됩니다. $W_c h_i$는 문장마다 한 번만 "
        "계산합니다."
    ),
    "theory_bahdanau_context": "**분포와 문맥 벡터**는 앞과 똑같습니다.",
    "theory_bahdanau_state": (
        "**문맥 벡터가 입력에 합류.** 문맥 벡터를 이전 출력 토큰의 임베딩과 이어 붙여 RNN에 "
        "넣고, RNN이 새 상태 $s_t$를 만듭니다."
    ),
    "theory_bahdanau_output": (
        "**출력.** 출력층은 새 상태, 문맥 벡터, 입력 임베딩을 함께 읽습니다(논문의 deep "
        "output. 이 앱의 모델은 논문의 maxout 대신 tanh를 씁니다)."
    ),
    "theory_bahdanau_versus": (
        "**내적 대 가산, 요약.** 내적(루옹): 쿼리는 갱신 후의 $s_t$이고 점수에 파라미터가 "
        "없습니다. 가산(바다나우): 쿼리는 갱신 전의 $s_{t-1}$이고 점수에 자기 파라미터 "
        "$W_b$, $W_c$, $v_a$가 있으며, 문맥 벡터가 출력층만이 아니라 RNN에 들어갑니다."
    ),
    "theory_link_explorer_bahdanau": (
        "탐색기: 바다나우 모델을 골라 사영된 쿼리와 키, tanh 에너지를 보세요"
    ),
    "theory_link_compare": "모델 비교: 내적 모델과 바다나우 모델을 한 문장으로",
    "theory_watch_title": "5. 어텐션이 생겨나는 모습",
    "theory_watch_intro": (
        "어느 원문 단어가 어느 출력 단어에 대응하는지 아무도 모델에 알려 주지 않습니다. "
        "정렬은 번역 쌍만으로 학습됩니다. 고정된 문장 하나의 어텐션 행렬이 에폭마다 흐릿한 "
        "모습에서 선명한 모습으로 바뀌는 것을 따라가 보고, 두 모델을 나란히 놓아 정렬이 어디서 "
        "일치하는지 보세요. 어텐션 가중치는 모델이 어디를 보았는지를 보여 줄 뿐, 왜 그 단어를 "
        "골랐는지를 완전히 설명하지는 않습니다."
    ),
    "theory_link_training": "학습 과정: 한 문장의 어텐션, 에폭별로",
    "theory_link_compare_watch": "모델 비교: 두 모델의 엔트로피, 커버리지, 단조성",
}
