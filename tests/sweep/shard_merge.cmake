# `kafkalab sweep --shard K/N` then `kafkalab sweep-merge`: three shards merged give,
# byte for byte, the lines of one unsharded sweep; a missing shard and a shard given
# twice are both caught (exit 2). Takes KAFKALAB, SCENARIO, SEEDS (A..B) and WORKDIR.
set(dir ${WORKDIR}/sweep-shards)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})

function(run_expecting code)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE got OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT got EQUAL code)
    message(FATAL_ERROR "${ARGN}\nexit code ${got}, expected ${code}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  set(last_output "${out}${err}" PARENT_SCOPE)
endfunction()

run_expecting(0 ${KAFKALAB} sweep ${SCENARIO} --seeds ${SEEDS} --faults random --jobs 2 --out ${dir}/whole.jsonl)
foreach(k 1 2 3)
  run_expecting(0 ${KAFKALAB} sweep ${SCENARIO} --seeds ${SEEDS} --faults random --jobs 1 --shard ${k}/3
                --out ${dir}/shard-${k}.jsonl)
endforeach()

# Shards in any order merge into the whole sweep.
run_expecting(0 ${KAFKALAB} sweep-merge ${dir}/shard-3.jsonl ${dir}/shard-1.jsonl ${dir}/shard-2.jsonl
              --seeds ${SEEDS} --scenario ${SCENARIO} --faults random --out ${dir}/merged.jsonl)
file(READ ${dir}/whole.jsonl whole)
file(READ ${dir}/merged.jsonl merged)
if(NOT whole STREQUAL merged OR whole STREQUAL "")
  message(FATAL_ERROR "the merged shards differ from the whole sweep")
endif()

run_expecting(2 ${KAFKALAB} sweep-merge ${dir}/shard-1.jsonl ${dir}/shard-3.jsonl --seeds ${SEEDS} --faults random --out ${dir}/x.jsonl)
if(NOT last_output MATCHES "missing seeds [0-9]+\\.\\.[0-9]+")
  message(FATAL_ERROR "a missing shard was not named:\n${last_output}")
endif()
run_expecting(2 ${KAFKALAB} sweep-merge ${dir}/shard-1.jsonl ${dir}/shard-2.jsonl ${dir}/shard-2.jsonl
              ${dir}/shard-3.jsonl --faults random --out ${dir}/x.jsonl)
if(NOT last_output MATCHES "duplicate seed [0-9]+")
  message(FATAL_ERROR "a shard given twice was not caught:\n${last_output}")
endif()
