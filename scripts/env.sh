# Sourced by ./run.sh and ./test.sh: the virtual environment in .venv, made and filled when
# missing or when requirements.txt changed, then activated.
#
# torch: requirements.txt pins the version but cannot choose the build, and on Linux PyPI's
# wheel is the CUDA build (several GB). So on Linux, unless pip is already configured with its
# own index or wheel folder (a school mirror, this project's CI), torch is installed first from
# PyTorch's CPU index. TORCH_INDEX_URL overrides that index; TORCH_INDEX_URL= (empty) skips it.
# macOS and Windows: PyPI's wheel is the CPU build already.
set -euo pipefail

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
. .venv/bin/activate

stamp=".venv/.requirements.sha256"
wanted="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    pip install --quiet --upgrade pip
    configured="$(pip config list 2>/dev/null | grep -E 'index-url|find-links' || true)"
    if [ "$(uname -s)" = "Linux" ] && [ -z "$configured" ] && [ -z "${PIP_INDEX_URL:-}" ]; then
        index="${TORCH_INDEX_URL-https://download.pytorch.org/whl/cpu}"
    else
        index="${TORCH_INDEX_URL:-}"
    fi
    if [ -n "$index" ]; then
        torch="$(grep -E '^torch==' requirements.txt)"
        pip install --quiet "$torch" --index-url "$index"
    fi
    pip install --quiet -r requirements.txt
    echo "$wanted" > "$stamp"
fi
