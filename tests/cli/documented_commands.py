#!/usr/bin/env python3
"""The kafkalab commands shown in README.md and docs/*.md do what the docs say.

Every fenced code block is read; a line that runs kafkalab (`kafkalab ...`,
`./build/release/kafkalab ...`, with `\\` continuations joined) is a documented
command. The cheap ones are run against the build, each within a time bound, from a
scratch folder that sees the repository's scenarios/, and must exit 0 unless the line
ends in a comment `# exits N`. When the lines after a command in the same block are
not commands, they are the output the docs show: each must appear in what the command
printed (spaces at the ends and runs of spaces aside; a line of `...` stands for lines
left out).

A command is skipped, and listed as skipped, when it names a placeholder it cannot fill
(A..B, [...]; FILE, SCENARIO.yaml and LESSON become lesson 01, or a shipped sweep for
sweep and --faults random; N becomes 7), needs another program or a shell (serve waits
for clients, sweep-merge needs shards, `$VAR`), or is not cheap (a sweep of more than
1,000 seeds). A `run --pause` gets a pseudo-terminal with its Enter presses typed ahead.

Usage: documented_commands.py KAFKALAB REPOSITORY [TIME_BOUND_SECONDS]
"""
import os
import pty
import re
import shlex
import subprocess
import sys
import tempfile

kafkalab, root = sys.argv[1], sys.argv[2]
bound = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0

COMMAND = re.compile(r"^\s*(?:\$\s+)?(?:\./)?(?:build/release/)?kafkalab\s+"
                     r"(?:run|validate|describe|lessons|sweep|sweep-merge|serve)\b")
PLACEHOLDERS = re.compile(r"\bA\.\.B\b|\[|\$|\{\}|\.\.\.|shard-\*|/results/")
# What a placeholder stands for when the command is run: a lesson, or a sweep.
EXAMPLE_FILE = {"sweep": "scenarios/sweeps/safe-acks-all.yaml"}
EXAMPLE_LESSON = "scenarios/lessons/01-one-broker-one-partition.yaml"
MOST_SEEDS = 1000


def pages():
    yield os.path.join(root, "README.md")
    docs = os.path.join(root, "docs")
    for name in sorted(os.listdir(docs)):
        if name.endswith(".md"):
            yield os.path.join(docs, name)


def blocks(path):
    """(first line number, lines) of each fenced block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    inside, start, body = False, 0, []
    for number, line in enumerate(lines, 1):
        if line.strip().startswith("```"):
            if inside:
                yield start, body
            inside, start, body = not inside, number + 1, []
        elif inside:
            body.append(line)


def documented(path):
    """(line number, command, expected exit, shown output lines) per command."""
    for start, body in blocks(path):
        i = 0
        while i < len(body):
            if not COMMAND.match(body[i]):
                i += 1
                continue
            number, text = start + i, body[i]
            while text.rstrip().endswith("\\") and i + 1 < len(body):
                i += 1
                text = text.rstrip()[:-1] + " " + body[i].strip()
            i += 1
            shown = []
            while i < len(body) and not COMMAND.match(body[i]):
                shown.append(body[i])
                i += 1
            yield number, text, shown


def split(text):
    """The words of the command, its expected exit code, or None when it is skipped."""
    expected = 0
    comment = re.search(r"\s#\s*(.*)$", text)
    if comment:
        said = re.match(r"exits (\d+)", comment.group(1))
        if said:
            expected = int(said.group(1))
        text = text[: comment.start()]
    text = re.sub(r"^\s*\$\s+", "", text).strip()
    if PLACEHOLDERS.search(text):
        return None, "a placeholder or shell syntax"
    words = shlex.split(text)
    # A run with --faults random replays a sweep's seed: the placeholder is a sweep.
    example = EXAMPLE_FILE["sweep"] if "random" in words else EXAMPLE_FILE.get(words[1], EXAMPLE_LESSON)
    words = [example if w in ("FILE", "SCENARIO.yaml", "LESSON") else "7" if w == "N" else w for w in words]
    if words[1] in ("serve", "sweep-merge"):
        return None, f"{words[1]} needs other programs or files"
    if "--seeds" in words:
        first, last = words[words.index("--seeds") + 1].split("..")
        if int(last) - int(first) + 1 > MOST_SEEDS:
            return None, f"more than {MOST_SEEDS} seeds"
    return (words[1:], expected), None


def normal(line):
    return " ".join(line.split())


failures, ran, skipped = [], 0, 0
scratch = tempfile.mkdtemp(prefix="kafkalab-docs-")
for folder in ("scenarios", "tests"):
    os.symlink(os.path.join(root, folder), os.path.join(scratch, folder))
for page in pages():
    name = os.path.relpath(page, root)
    for number, text, shown in documented(page):
        parsed, why = split(text)
        where = f"{name}:{number}"
        if parsed is None:
            print(f"skipped {where}: {text.strip()}  ({why})")
            skipped += 1
            continue
        args, expected = parsed
        ran += 1
        try:
            if "--pause" in args:
                # --pause needs a terminal: a pseudo-terminal whose Enter presses are
                # typed ahead, one per question the lesson can ask.
                master, slave = pty.openpty()
                os.write(master, b"\n" * 64)
                done = subprocess.run([kafkalab] + args, cwd=scratch, stdin=slave, capture_output=True, text=True,
                                      timeout=bound)
                os.close(slave)
                os.close(master)
            else:
                done = subprocess.run([kafkalab] + args, cwd=scratch, capture_output=True, text=True, timeout=bound)
        except subprocess.TimeoutExpired:
            failures.append(f"{where}: `{text.strip()}` took more than {bound:.0f} s")
            continue
        output = done.stdout + done.stderr
        if done.returncode != expected:
            failures.append(f"{where}: `{text.strip()}` exited {done.returncode}, the docs say {expected}\n"
                            + "\n".join(output.splitlines()[-15:]))
            continue
        printed = "\n".join(normal(line) for line in output.splitlines())
        missing = [line for line in shown if line.strip() and normal(line) not in ("...", "…") and normal(line) not in printed]
        if missing:
            failures.append(f"{where}: `{text.strip()}` did not print {len(missing)} line(s) the docs show, the "
                            f"first:\n  {missing[0].strip()}")
            continue
        print(f"ran {where}: {text.strip()}  (exit {done.returncode}, {len(shown)} shown line(s) found)")

print(f"{ran} documented commands ran, {skipped} skipped")
if ran == 0:
    failures.append("no documented command ran: the extraction found nothing")
for failure in failures:
    print("FAILED " + failure)
sys.exit(1 if failures else 0)
