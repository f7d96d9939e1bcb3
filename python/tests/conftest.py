"""Shared fixtures: the sample corpus and a runner for the docsift CLI.

The CLI is the binary named by $DOCSIFT_CLI (CTest sets it to the build's docsift), else the
same commands run in-process through docsift.run_cli."""

import json
import os
import subprocess
from pathlib import Path

import pytest

import docsift

ROOT = Path(os.environ.get("DOCSIFT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SAMPLE = ROOT / "datasets" / "sample" / "news.jsonl"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def sample():
    """(ids, texts) of datasets/sample/news.jsonl."""
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not found (set DOCSIFT_SOURCE_DIR)")
    records = read_jsonl(SAMPLE)
    return [r["id"] for r in records], [r["text"] for r in records]


@pytest.fixture(scope="session")
def sample_path():
    return str(SAMPLE)


@pytest.fixture()
def cli():
    """cli(args) runs `docsift <args> -q`; raises on a non-zero exit."""

    def run(args):
        args = [str(a) for a in args] + ["-q"]
        binary = os.environ.get("DOCSIFT_CLI")
        if binary:
            subprocess.run([binary] + args, check=True)
        else:
            docsift.run_cli(args)

    return run
