#!/usr/bin/env bash
# toolkit's two commands. Each sets everything up first (a .venv with the
# pinned dependencies, the English pipeline from PyPI, and for tests Debian's
# chromium), then does its job:
#
#   bash run.sh lab      headless report of the seed, then JupyterLab on notebooks/
#   bash run.sh lab ARTICLE [--published DATE]
#                        a workspace for ARTICLE (workspaces/<name>/, its own copy
#                        of the notebooks), then JupyterLab on it
#   bash run.sh test     every test: unit, engine, notebooks, real-browser tests
#
# Also: bash run.sh report ARTICLE [--published DATE]   (headless report only)
#       bash run.sh setup                                (only the set-up)
# PYTHON=/path/to/python3.11 picks the interpreter; nothing is downloaded at
# run time, only at set-up, from PyPI and Debian.
set -euo pipefail
CALLER=$(pwd)  # relative ARTICLE paths are read from where run.sh was called
cd "$(dirname "$0")"
ROOT=$(pwd)
VENV="$ROOT/.venv"
SEED="seeds/000_167db89937512398.txt"

pick_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
  for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 14) else 1)'; then
      echo "$candidate"; return
    fi
  done
  echo "error: [TK030] No Python 3.10-3.13 found. Install Python 3.11 (apt-get install python3) or set PYTHON=/path/to/python3.11." >&2
  exit 2
}

quiet_pip() {
  # Keep pip's own errors and warnings; drop only notices about local index
  # folders that do not exist. (setuptools' editable-install notice is avoided
  # at the source: package-dir in pyproject.toml.)
  grep -v -e "^WARNING: Location 'file:" || true
}

setup() {
  local py stamp want
  py=$(pick_python)
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV with $py"
    "$py" -m venv "$VENV"
  fi
  stamp="$VENV/.toolkit-installed"
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> installing toolkit and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 | quiet_pip
    "$VENV/bin/python" -m pip install --quiet -e ".[test]" 2>&1 | quiet_pip
    # the default display name, so that saving a notebook does not rewrite its kernelspec
    "$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 \
        --display-name "Python 3 (ipykernel)" >/dev/null
    echo "$want" > "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

browser() {
  # Browser tests drive Debian's chromium through Python playwright.
  if command -v chromium >/dev/null 2>&1; then return; fi
  echo "==> installing Debian's chromium for the browser tests"
  local sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

cmd=${1:-help}
shift || true
case "$cmd" in
  setup)
    setup ;;
  report)
    setup
    python -m toolkit report "${@:-$SEED}" ;;
  lab)
    setup
    # the project's JupyterLab settings (save widget state with the notebook)
    lab_settings="$(python -c 'import sys; print(sys.prefix)')/share/jupyter/lab/settings"
    mkdir -p "$lab_settings" && cp "$ROOT/jupyter/overrides.json" "$lab_settings/overrides.json"
    if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then  # lab ARTICLE [--published DATE] [-o DIR]
      article=$1; shift
      case "$article" in /*) ;; *) article="$CALLER/$article" ;; esac
      exec python -m toolkit open "$article" "$@"
    fi
    python -m toolkit report "$SEED" -o report.html
    echo "==> report.html written (open it in any browser, offline)"
    echo "==> starting JupyterLab on notebooks/ (Ctrl-C to stop)"
    extra=()
    if [ "$(id -u)" = "0" ]; then extra+=(--allow-root); fi  # containers often run as root
    exec jupyter lab --notebook-dir="$ROOT" "${extra[@]}" "$@" notebooks/01_read_and_highlight.ipynb ;;
  test)
    setup
    browser
    exec python -m pytest "$@" ;;
  *)
    awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0" | sed 's/^# \{0,1\}//' ;;
esac
