#!/usr/bin/env bash
# Start the app (http://localhost:8501), making the environment first if needed (scripts/env.sh).
#   ./run.sh                      # extra arguments go to `streamlit run`, e.g. --server.port 8600
cd "$(dirname "$0")"
. scripts/env.sh
exec streamlit run app.py "$@"
