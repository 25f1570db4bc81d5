# What `kafkalab sweep-merge` refuses on the command line (issue 25, item 1), each with
# exit code 2 and a message naming the cause: the lines of another scenario merged under
# --scenario, lines run with another --faults, a hand-edited line whose verdict its
# counts contradict, seeds outside --seeds, an empty file, a directory and /dev/zero.
# Takes KAFKALAB, SAFE and UNSAFE (two sweep scenarios) and WORKDIR.
set(dir ${WORKDIR}/sweep-merge-refusals)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})

function(run_expecting code pattern)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE got OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT got EQUAL code OR NOT "${out}${err}" MATCHES "${pattern}")
    message(FATAL_ERROR "${ARGN}\nexit code ${got}, expected ${code} and output matching '${pattern}'\n"
                        "stdout:\n${out}\nstderr:\n${err}")
  endif()
endfunction()

run_expecting(0 "PASSED" ${KAFKALAB} sweep ${SAFE} --seeds 1..3 --faults random --jobs 2 --out ${dir}/safe.jsonl)
# The unsafe sweep's own verdict on three seeds does not matter here, only its lines.
execute_process(COMMAND ${KAFKALAB} sweep ${UNSAFE} --seeds 1..3 --faults random --jobs 2 --out ${dir}/unsafe.jsonl
                OUTPUT_QUIET ERROR_QUIET)
run_expecting(0 "PASSED" ${KAFKALAB} sweep ${SAFE} --seeds 1..3 --jobs 2 --out ${dir}/safe-no-faults.jsonl)

# The lines that belong together merge.
run_expecting(0 "PASSED" ${KAFKALAB} sweep-merge ${dir}/safe.jsonl --scenario ${SAFE} --faults random --seeds 1..3
              --out ${dir}/merged.jsonl)
# Another scenario's lines, under --scenario.
run_expecting(2 "unsafe.jsonl:1: error: a run of the scenario with content hash [0-9a-f]+, where the merge expects"
              ${KAFKALAB} sweep-merge ${dir}/unsafe.jsonl --scenario ${SAFE} --faults random --out ${dir}/x.jsonl)
# Lines without random faults, merged as a random sweep.
run_expecting(2 "safe-no-faults.jsonl:1: error: a run with --faults none, where the merge expects random"
              ${KAFKALAB} sweep-merge ${dir}/safe-no-faults.jsonl --scenario ${SAFE} --faults random --out ${dir}/x.jsonl)
# A hand-edited line: seven records lost, still "passed".
file(STRINGS ${dir}/safe.jsonl lines)
list(GET lines 0 first)
string(REPLACE "\"lost-write\":0" "\"lost-write\":7" forged "${first}")
string(REPLACE "\"lost_by_cause\":{}" "\"lost_by_cause\":{\"unexplained\":7}" forged "${forged}")
string(REPLACE "\"checker\":\"clean\"" "\"checker\":\"anomalies\"" forged "${forged}")
file(WRITE ${dir}/forged.jsonl "${forged}\n")
run_expecting(2 "forged.jsonl:1: error: the line contradicts itself: \"passed\" is true, yet with 7 lost-write"
              ${KAFKALAB} sweep-merge ${dir}/forged.jsonl --scenario ${SAFE} --faults random --out ${dir}/x.jsonl)
# Seeds outside --seeds.
run_expecting(2 "seeds outside --seeds 1..2" ${KAFKALAB} sweep-merge ${dir}/safe.jsonl --seeds 1..2 --faults random
              --out ${dir}/x.jsonl)
# No input worth the name.
file(WRITE ${dir}/empty.jsonl "")
run_expecting(2 "no sweep results in the input" ${KAFKALAB} sweep-merge ${dir}/empty.jsonl --out ${dir}/x.jsonl)
run_expecting(2 "is a directory" ${KAFKALAB} sweep-merge ${dir} --out ${dir}/x.jsonl)
run_expecting(2 "/dev/zero:1: error: a line longer than" ${KAFKALAB} sweep-merge /dev/zero --out ${dir}/x.jsonl)
