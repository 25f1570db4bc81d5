# The command a sweep prints to replay a seed draws the same faults: the faults that
# `kafkalab run --seed N --faults random` lists are those of seed N's JSON line.
# Takes KAFKALAB, SCENARIO, SEED and WORKDIR.
set(lines ${WORKDIR}/sweep-replay.jsonl)
execute_process(COMMAND ${KAFKALAB} sweep ${SCENARIO} --seeds ${SEED}..${SEED} --faults random --jobs 1 --out ${lines}
                RESULT_VARIABLE code ERROR_VARIABLE err)
file(READ ${lines} line)
string(JSON faults GET "${line}" faults)
string(JSON count LENGTH "${line}" faults)
if(count EQUAL 0)
  message(FATAL_ERROR "seed ${SEED} drew no fault; pick another seed for this test")
endif()
execute_process(COMMAND ${KAFKALAB} run ${SCENARIO} --seed ${SEED} --faults random --quiet
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON fault GET "${line}" faults ${i})
  string(FIND "${out}" "  - ${fault}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "kafkalab run --faults random does not list ${fault}:\n${out}")
  endif()
endforeach()
# And the replayed run reaches the sweep's verdict.
string(JSON passed GET "${line}" passed)
if(passed AND NOT out MATCHES "PASSED")
  message(FATAL_ERROR "the sweep passed seed ${SEED}, its replay did not:\n${out}")
endif()
