"""Strings of the theory page (explorer/pages/theory.py, explorer/content/theory.py): the
course notes in our own words. Markdown with KaTeX; no string here is formatted with values,
except the section links."""

EN = {
    "page_theory": "Theory",
    "theory_title": "Why attention, and how it works",
    "theory_intro": (
        "The ideas behind this app, in order: what goes wrong without attention, the "
        "query–key–value picture, and the two attention score functions the models use. Each "
        "section ends with a link to the view that shows it live, with a trained model's numbers."
    ),
    "theory_live": "See it live:",
    # 1. the bottleneck
    "theory_bottleneck_title": "1. The bottleneck: one vector for a whole sentence",
    "theory_bottleneck_intro": (
        "An RNN encoder–decoder reads the source sentence one token at a time and keeps a hidden "
        "state. Without attention the decoder receives only what the encoder ends up with: a "
        "single vector $c$ of fixed size (256 numbers in the English→French models here), the same "
        "for a three-word sentence and a thirty-word one. In this app's baseline, $c$ is the sum "
        "of the forward RNN's last state $\\overrightarrow{h}_N$ and the backward RNN's last state "
        "$\\overleftarrow{h}_1$ (the backward RNN reads right to left, so it ends at position 1), "
        "and every decoder time step reads that same $c$:"
    ),
    "theory_bottleneck_problems": (
        "Two things go wrong.\n\n"
        "- **Information is lost.** A long sentence holds more than a short one, but the vector "
        "does not grow. Details from early in the sentence get overwritten by what came later, and "
        "the decoder has no way to go back and check.\n"
        "- **Gradients vanish.** In training, the error made at output word $t$ must travel back "
        "through every recurrent time step to reach the source word that caused it. Each step "
        "multiplies the gradient by a Jacobian matrix; when these matrices have norms smaller than "
        "1, their product shrinks towards zero, so links between distant words are learned slowly, "
        "if at all. Gated cells (LSTM, GRU) soften this but do not remove it."
    ),
    "theory_bottleneck_answer": (
        "Attention eases both at once. At every time step the decoder looks back at **all** the "
        "encoder hidden states $h_1, \\dots, h_N$, so nothing has to be squeezed into one vector, "
        "and every $h_i$ is a single step away from the output: a short path for the gradient."
    ),
    "theory_link_why": "Why attention: BLEU by sentence length, and a long sentence",
    "theory_link_explorer_none": "Explorer: pick the baseline (every row is the same vector)",
    # 2. query, keys, values
    "theory_qkv_title": "2. Query, keys and values",
    "theory_qkv_intro": (
        "Think of a dictionary: you hand it a key, it finds the entry with exactly that key and "
        "returns its value. Attention is a soft dictionary. The **query** is compared with **every "
        "key**, each comparison gives an **attention score**, the softmax turns the scores into "
        "**weights** that are positive and add up to 1, and the answer is the weighted sum of "
        "**all the values**: mostly the values whose keys match best, a little of the rest. "
        "Because every part is differentiable, the model learns by itself what to look for."
    ),
    "theory_qkv_models": (
        "In a sequence-to-sequence model the query is a decoder hidden state ($s_t$ in dot-product "
        "attention, $s_{t-1}$ in Bahdanau attention), the keys are the encoder hidden states $h_1, "
        "\\dots, h_N$ (one per source token), and the values are those same encoder states: keys "
        "and values coincide, and the answer, their weighted sum, is the context vector (the "
        "attention value). The two kinds of attention differ mainly in the score function and in "
        "which decoder state acts as the query, and also in where the context vector goes (see the "
        "summary at the end of section 4)."
    ),
    "theory_link_playground": "Playground: the same computation on a handful of numbers you edit",
    # 3. dot-product attention
    "theory_dot_title": "3. Dot-product attention, step by step",
    "theory_dot_intro": (
        "Dot-product attention (Luong et al., 2015) first updates the RNN at time step $t$, then "
        "uses the **new** state $s_t$ as the query."
    ),
    "theory_dot_scores": (
        "**Attention scores.** One scalar per source token: the dot product $s_t^\\top h_i$ of the "
        "decoder state with that token's encoder hidden state. It is large when the two vectors "
        "point the same way (and when they are long). $e^t$ collects all $N$ scores."
    ),
    "theory_dot_distribution": (
        "**Attention distribution.** The softmax turns $e^t$ into positive numbers that add up to "
        "1: a probability distribution over the source tokens."
    ),
    "theory_dot_weights": (
        "**Attention weights.** Each entry $\\alpha^t_i$ of the attention distribution says how "
        "much of source token $i$ goes into this time step. The weights of all time steps, row by "
        "row, are the attention matrix the explorer draws."
    ),
    "theory_dot_context": (
        "**Context vector** (the attention value). The weighted sum of the encoder hidden states, "
        "with the attention weights as weights: a summary of the source made for this time step "
        "only."
    ),
    "theory_dot_concat": (
        "**Concatenation and tanh.** The context vector $a_t$ and the decoder state $s_t$ are "
        "concatenated into $[a_t; s_t]$, so the output layer sees both what was read from the "
        "source and the decoder's own state; a learned matrix $W_o$ and a tanh mix them into the "
        "attentional state $\\tilde{s}_t$. (Luong et al., 2015, eq. 5, and the course notes call "
        "this matrix $W_c$; here it is $W_o$, for output, because $W_c$ names the key projection "
        "of the additive score in section 4.)"
    ),
    "theory_dot_output": (
        "**Output.** A linear layer and a softmax give the probabilities of the next token. In the "
        "models here $\\tilde{s}_t$ is also fed into the next time step's input (input feeding), "
        "so the decoder knows where it looked before."
    ),
    "theory_dot_scaled": (
        "**Why divide the dot product by $\\sqrt{H}$?** If the components of $s_t$ and $h_i$ are "
        "roughly independent with mean 0 and variance 1, their dot product $s_t^\\top h_i$ has "
        "variance $H$, the dimension of the hidden states. With $H = 256$ that is a standard "
        "deviation of 16: scores differ by dozens, the softmax puts nearly all the weight on one "
        "token from the very start of training, and its gradient is then almost zero, so a wrong "
        "alignment can hardly be corrected. Dividing by $\\sqrt{H}$ brings the scores' standard "
        "deviation back to about 1 (Vaswani et al., 2017, section 3.2.1): the same reason the "
        "Transformer scales its attention scores."
    ),
    "theory_dot_is_scaled": (
        "The dot-product model of this task is the **scaled** variant: its scores are divided by "
        "$\\sqrt{H}$."
    ),
    "theory_dot_not_scaled": (
        "The dot-product model of this task is **not** scaled: its scores are plain dot products."
    ),
    "theory_link_explorer_dot": (
        "Explorer: the dot-product model's scores, weights and context vector"
    ),
    "theory_link_playground_scaled": (
        "Playground: start from the sharp preset, then switch dot to scaled dot"
    ),
    # 4. Bahdanau
    "theory_bahdanau_title": "4. Bahdanau attention: an additive score",
    "theory_bahdanau_intro": (
        "Bahdanau attention (Bahdanau et al., 2015) attends **before** the RNN update: the query "
        "is the previous state $s_{t-1}$, and what is read goes into making the new state $s_t$."
    ),
    "theory_bahdanau_score": (
        "**Additive score.** The query and each key are projected into a shared space by the "
        "matrices $W_b$ and $W_c$, added, passed through tanh, and turned into one score by a dot "
        "product with the vector $v_a$. A small feed-forward network judges the match instead of a "
        "dot product, so the query and the keys need not even have the same dimension. $W_c h_i$ "
        "is computed once per sentence. (The course notes write $W_a^\\top$ for this $v_a^\\top$.)"
    ),
    "theory_bahdanau_context": (
        "**Attention distribution and context vector**: exactly as in dot-product attention."
    ),
    "theory_bahdanau_state": (
        "**The context vector goes into the RNN.** It is concatenated with the embedding of the "
        "previous output token (this time step's input word) and fed into the RNN, which produces "
        "the new state $s_t$."
    ),
    "theory_bahdanau_output": (
        "**Output.** A tanh layer combines the new state, the context vector and the input "
        "embedding into $\\tilde{s}_t$, and the output layer turns $\\tilde{s}_t$ into the next "
        "token's probabilities. This is the paper's deep output; the models here use tanh where "
        "the paper has a maxout layer."
    ),
    "theory_bahdanau_versus": (
        "**In short: dot-product attention vs Bahdanau attention.** Dot-product attention: the "
        "query is $s_t$ after the update, and the score function has no parameters. Bahdanau "
        "attention: the query is $s_{t-1}$ before the update, the score function has its own "
        "parameters $W_b$, $W_c$, $v_a$, and the context vector feeds this time step's RNN update "
        "as well as the output layer. (In this app's dot-product models the context reaches the "
        "RNN too, but only at the next time step, through input feeding.)"
    ),
    "theory_link_explorer_bahdanau": (
        "Explorer: pick the Bahdanau model to see the projected query and keys and the tanh "
        "layer's output"
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
    "theory_link_training": "Training: one sentence's attention, changing from epoch to epoch",
    "theory_link_compare_watch": "Compare: entropy, coverage and monotonicity of two models",
}

KO = {
    "page_theory": "이론",
    "theory_title": "어텐션이 필요한 이유와 동작 원리",
    "theory_intro": (
        "이 페이지는 앱의 바탕이 되는 개념을 순서대로 설명합니다. 다루는 내용은 어텐션이 없을 때 "
        "생기는 문제, 쿼리·키·값으로 어텐션을 보는 관점, 이 앱의 모델이 쓰는 두 가지 어텐션 스코어 "
        "함수입니다. 각 절 끝의 링크를 누르면 학습된 모델의 실제 숫자로 같은 내용을 확인할 수 "
        "있습니다."
    ),
    "theory_live": "직접 확인하기:",
    "theory_bottleneck_title": "1. 병목: 문장 전체를 벡터 하나에 담는 문제",
    "theory_bottleneck_intro": (
        "RNN 인코더–디코더는 원문을 토큰 하나씩 읽으면서 은닉 상태를 갱신합니다. 어텐션이 없으면 "
        "디코더가 받는 것은 인코더가 마지막에 남긴 고정된 크기의 벡터 $c$ 하나뿐입니다(이 앱의 "
        "영어→프랑스어 모델에서는 숫자 256개). 세 단어짜리 문장이든 서른 단어짜리 문장이든 "
        "마찬가지입니다. 이 앱의 기준 모델에서 $c$는 정방향 RNN의 마지막 상태 "
        "$\\overrightarrow{h}_N$과 역방향 RNN의 마지막 상태 $\\overleftarrow{h}_1$을 더한 "
        "것입니다. 역방향 RNN은 문장 끝에서 출발해 첫 단어에서 끝나므로 마지막 상태가 위치 1에 "
        "있습니다. 디코더는 모든 시점에서 같은 $c$를 읽습니다:"
    ),
    "theory_bottleneck_problems": (
        "여기서 두 가지 문제가 생깁니다.\n\n"
        "- **정보 손실.** 긴 문장은 짧은 문장보다 담아야 할 정보가 많지만 벡터의 차원은 "
        "그대로입니다. 문장 앞부분의 세부 정보는 뒤에 들어온 내용에 덮어쓰이기 쉽고, 디코더는 "
        "원문으로 돌아가 확인할 방법이 없습니다.\n"
        "- **기울기 소실.** 학습할 때 $t$번째 출력 단어에서 생긴 오차가 그 원인이 된 원문 단어까지 "
        "전해지려면 모든 순환 시점을 거꾸로 거쳐야 합니다. 시점마다 기울기에 야코비 행렬이 하나씩 "
        "곱해지는데, 노름이 1보다 작은 행렬을 여러 번 곱하면 그 곱은 0에 가까워집니다. 그래서 멀리 "
        "떨어진 단어 사이의 관계는 아주 느리게 학습되거나 전혀 학습되지 않습니다. LSTM, GRU 같은 "
        "게이트 구조는 이 문제를 줄여 주지만 없애지는 못합니다."
    ),
    "theory_bottleneck_answer": (
        "어텐션은 이 두 문제를 한꺼번에 크게 덜어 줍니다. 디코더가 매 시점 인코더 은닉 상태 $h_1, "
        "\\dots, h_N$ **전부**를 다시 보므로 모든 정보를 벡터 하나에 밀어 넣을 필요가 없고, 모든 "
        "$h_i$가 출력에서 한 걸음 거리에 있으므로 기울기가 지나갈 짧은 길이 생깁니다."
    ),
    "theory_link_why": "어텐션이 필요한 이유: 문장 길이별 BLEU와 긴 문장 하나",
    "theory_link_explorer_none": "탐색기: 기준 모델 고르기 (모든 행이 같은 벡터)",
    "theory_qkv_title": "2. 쿼리, 키, 값",
    "theory_qkv_intro": (
        "파이썬 딕셔너리를 떠올려 보세요. 키를 주면 그 키와 정확히 같은 항목을 찾아 값을 "
        "돌려줍니다. 어텐션은 이 딕셔너리를 부드럽게 만든 것입니다. **쿼리**를 **모든 키**와 "
        "비교해 키마다 **어텐션 스코어**를 구하고, 소프트맥스로 스코어를 모두 양수이고 합이 1인 "
        "**가중치**로 바꾼 뒤, **모든 값**을 이 가중치로 가중합한 것이 답이 됩니다. 가장 잘 맞는 "
        "키의 값이 대부분을 차지하고 나머지 값은 조금씩 섞입니다. 모든 과정이 미분 가능하므로 "
        "무엇을 찾아야 하는지는 모델이 학습하며 스스로 익힙니다."
    ),
    "theory_qkv_models": (
        "시퀀스-투-시퀀스 모델에서 쿼리는 디코더의 은닉 상태이고(닷-프로덕트 어텐션은 $s_t$, "
        "바다나우 어텐션은 $s_{t-1}$), 키는 원문 토큰마다 하나씩 있는 인코더 은닉 상태 $h_1, "
        "\\dots, h_N$이며, 값도 같은 인코더 은닉 상태입니다. 즉 키와 값이 같고, 어텐션의 답인 "
        "가중합이 컨텍스트 벡터(어텐션 값)입니다. 두 어텐션은 주로 스코어 함수와 쿼리로 쓰는 "
        "디코더 상태가 다르고, 컨텍스트 벡터가 들어가는 곳도 다릅니다(4절 끝의 정리를 보세요)."
    ),
    "theory_link_playground": "놀이터: 숫자 몇 개를 직접 바꾸며 같은 계산 따라가기",
    "theory_dot_title": "3. 닷-프로덕트 어텐션의 계산 과정",
    "theory_dot_intro": (
        "닷-프로덕트 어텐션(Luong 외, 2015)은 $t$ 시점에서 먼저 RNN을 갱신한 뒤, 갱신된 **새** "
        "상태 $s_t$를 쿼리로 씁니다."
    ),
    "theory_dot_scores": (
        "**어텐션 스코어.** 원문 토큰마다 스칼라 값이 하나씩 나옵니다. 디코더 상태 $s_t$와 그 "
        "토큰의 인코더 은닉 상태 $h_i$의 내적 $s_t^\\top h_i$입니다. 두 벡터가 같은 방향을 "
        "가리킬수록, 그리고 벡터가 길수록 값이 커집니다. $e^t$는 $N$개의 스코어를 모은 벡터입니다."
    ),
    "theory_dot_distribution": (
        "**어텐션 분포.** $e^t$에 소프트맥스를 적용하면 모두 양수이고 합이 1인 값이 나옵니다. 원문 "
        "토큰들에 대한 확률 분포입니다."
    ),
    "theory_dot_weights": (
        "**어텐션 가중치.** 어텐션 분포의 각 값 $\\alpha^t_i$는 원문 토큰 $i$가 이번 시점에 얼마나 "
        "반영되는지를 나타냅니다. 모든 시점의 가중치를 한 행씩 쌓으면 탐색기에 그려지는 어텐션 "
        "행렬이 됩니다."
    ),
    "theory_dot_context": (
        "**컨텍스트 벡터**(어텐션 값). 인코더 은닉 상태들을 어텐션 가중치로 가중합한 벡터로, 이번 "
        "시점만을 위해 만든 원문의 요약입니다."
    ),
    "theory_dot_concat": (
        "**결합과 tanh.** 컨텍스트 벡터 $a_t$와 디코더 상태 $s_t$를 이어 붙여 결합 벡터 $[a_t; "
        "s_t]$를 만듭니다. 그러면 출력층이 원문에서 읽어 온 내용과 디코더의 현재 상태를 함께 볼 수 "
        "있습니다. 여기에 학습되는 가중치 행렬 $W_o$를 곱하고 tanh를 적용해 어텐션 상태 "
        "$\\tilde{s}_t$를 얻습니다. (Luong 외, 2015의 식 5와 강의 노트는 이 행렬을 $W_c$라고 "
        "씁니다. 여기서는 출력(output)의 o를 따 $W_o$라고 씁니다. $W_c$는 4절에서 가산형 스코어의 "
        "키 사영 행렬을 가리키기 때문입니다.)"
    ),
    "theory_dot_output": (
        "**출력.** 선형층과 소프트맥스가 다음 토큰의 확률을 계산합니다. 이 앱의 모델에서는 "
        "$\\tilde{s}_t$가 다음 시점의 입력으로도 들어가므로(입력 피딩), 디코더는 앞에서 원문의 "
        "어디를 보았는지 알 수 있습니다."
    ),
    "theory_dot_scaled": (
        "**왜 내적을 $\\sqrt{H}$로 나눌까요?** $s_t$와 $h_i$의 성분이 서로 대략 독립이고 평균 0, "
        "분산 1이라면, 두 벡터의 내적 $s_t^\\top h_i$의 분산은 은닉 상태의 차원 $H$와 같습니다. $H "
        "= 256$이면 표준편차가 16이어서 스코어가 수십씩 차이 나고, 소프트맥스는 학습 초반부터 "
        "가중치를 거의 전부 토큰 하나에 몰아 줍니다. 이때 소프트맥스의 기울기는 거의 0이므로 "
        "잘못된 정렬(alignment)을 바로잡기 어렵습니다. $\\sqrt{H}$로 나누면 스코어의 표준편차가 "
        "다시 1 정도로 돌아옵니다(Vaswani 외, 2017, 3.2.1절). 트랜스포머가 어텐션 스코어를 "
        "스케일하는 것도 같은 이유입니다."
    ),
    "theory_dot_is_scaled": (
        "이 작업의 닷-프로덕트 모델은 **스케일드** 변형입니다. 스코어를 $\\sqrt{H}$로 나눕니다."
    ),
    "theory_dot_not_scaled": (
        "이 작업의 닷-프로덕트 모델은 스케일하지 **않습니다**. 스코어는 내적 그대로입니다."
    ),
    "theory_link_explorer_dot": "탐색기: 닷-프로덕트 모델의 스코어, 가중치, 컨텍스트 벡터",
    "theory_link_playground_scaled": (
        "놀이터: '날카로운 분포'에서 시작해 내적을 스케일드 내적으로 바꿔 보기"
    ),
    "theory_bahdanau_title": "4. 바다나우 어텐션: 가산형 스코어",
    "theory_bahdanau_intro": (
        "바다나우 어텐션(Bahdanau 외, 2015)은 RNN을 갱신하기 **전에** 어텐션을 계산합니다. 쿼리는 "
        "$t-1$ 시점의 상태 $s_{t-1}$이고, 어텐션으로 읽어 온 내용은 새 상태 $s_t$를 만드는 데 "
        "쓰입니다."
    ),
    "theory_bahdanau_score": (
        "**가산형 스코어.** 쿼리와 각 키를 가중치 행렬 $W_b$, $W_c$로 같은 공간에 사영해 더하고, "
        "tanh를 적용한 뒤 벡터 $v_a$와 내적해 스코어 하나를 얻습니다. 내적 대신 작은 피드포워드 "
        "신경망이 쿼리와 키가 얼마나 잘 맞는지 판단하므로, 쿼리와 키의 차원이 달라도 됩니다. $W_c "
        "h_i$는 문장마다 한 번만 계산하면 됩니다. (강의 노트의 $W_a^\\top$가 여기의 "
        "$v_a^\\top$입니다.)"
    ),
    "theory_bahdanau_context": (
        "**어텐션 분포와 컨텍스트 벡터**는 닷-프로덕트 어텐션과 똑같이 구합니다."
    ),
    "theory_bahdanau_state": (
        "**컨텍스트 벡터가 RNN에 들어갑니다.** 컨텍스트 벡터와 이전 출력 토큰(이번 시점의 입력 "
        "단어)의 임베딩을 이어 붙여 RNN의 입력으로 쓰고, RNN은 이것으로 새 상태 $s_t$를 만듭니다."
    ),
    "theory_bahdanau_output": (
        "**출력.** tanh 층이 새 상태, 컨텍스트 벡터, 입력 임베딩을 합쳐 $\\tilde{s}_t$를 만들고, "
        "출력층은 $\\tilde{s}_t$로 다음 토큰의 확률을 계산합니다. 논문의 심층 출력(deep output) "
        "구조이며, 이 앱의 모델은 논문의 maxout 층 대신 tanh를 씁니다."
    ),
    "theory_bahdanau_versus": (
        "**정리: 닷-프로덕트 어텐션과 바다나우 어텐션.** 닷-프로덕트 어텐션은 갱신한 뒤의 $s_t$를 "
        "쿼리로 쓰고, 스코어 함수에 학습되는 파라미터가 없습니다. 바다나우 어텐션은 갱신하기 전의 "
        "$s_{t-1}$을 쿼리로 쓰고, 스코어 함수에 자체 파라미터 $W_b$, $W_c$, $v_a$가 있으며, "
        "컨텍스트 벡터가 출력층뿐 아니라 같은 시점의 RNN 입력에도 들어갑니다. (이 앱의 닷-프로덕트 "
        "모델에서도 컨텍스트 벡터가 RNN에 들어가지만, 입력 피딩을 통해 다음 시점에야 들어갑니다.)"
    ),
    "theory_link_explorer_bahdanau": (
        "탐색기: 바다나우 모델을 골라 사영된 쿼리와 키, tanh 층의 출력 보기"
    ),
    "theory_link_compare": "모델 비교: 닷-프로덕트 모델과 바다나우 모델을 한 문장으로 비교하기",
    "theory_watch_title": "5. 어텐션이 생겨나는 과정",
    "theory_watch_intro": (
        "어느 원문 단어가 어느 출력 단어에 대응하는지는 아무도 모델에 알려 주지 않습니다. 정렬은 "
        "번역 쌍만으로 학습됩니다. 고정된 문장 하나의 어텐션 행렬이 에폭마다 흐릿한 모습에서 "
        "선명한 모습으로 바뀌는 과정을 따라가 보고, 두 모델을 나란히 놓고 정렬이 어디에서 "
        "일치하는지 살펴보세요. 어텐션 가중치는 모델이 어디를 보았는지 보여 줄 뿐, 왜 그 단어를 "
        "골랐는지를 모두 설명하지는 않습니다."
    ),
    "theory_link_training": "학습 과정: 에폭마다 달라지는 한 문장의 어텐션",
    "theory_link_compare_watch": "모델 비교: 두 모델의 엔트로피, 커버리지, 단조성",
}
