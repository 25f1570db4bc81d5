#!/usr/bin/env bash
# kafkalab run --pause: on a terminal (a pseudo-terminal from script(1), fed one Enter)
# it asks lesson 4's question, waits, answers and finishes; with standard input not a
# terminal it refuses at once, naming the flag, instead of waiting for nobody.
set -uo pipefail
kafkalab=$1
lesson=$2

out=$( (sleep 1; printf '\n') | script -qec "$kafkalab run --quiet --pause $lesson" /dev/null 2>&1)
code=$?
if [[ $code -ne 0 ]]; then echo "on a terminal: exit code $code"; echo "$out"; exit 1; fi
for expected in "paused at 5s" "Predict first: Do the two groups split the records between them?" \
                "press Enter to see the answer" "Answer: No: each group gets every record" "PASSED: Consumer groups"; do
    if [[ $out != *"$expected"* ]]; then echo "on a terminal: no '$expected' in:"; echo "$out"; exit 1; fi
done
# The answer comes after the question.
question_at=${out%%Predict first:*}
answer_at=${out%%Answer: No*}
if (( ${#question_at} >= ${#answer_at} )); then echo "the answer came before the question"; exit 1; fi

out=$("$kafkalab" run --pause "$lesson" < /dev/null 2>&1)
code=$?
if [[ $code -ne 2 ]]; then echo "without a terminal: exit code $code, expected 2"; echo "$out"; exit 1; fi
if [[ $out != *"--pause"*"needs a terminal on standard input"* ]]; then echo "without a terminal:"; echo "$out"; exit 1; fi
echo ok
